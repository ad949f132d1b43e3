using BathroomAftersales.Domain.Customers;
using BathroomAftersales.Domain.Surveys;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BathroomAftersales.Web.Data.Configurations;

internal sealed class SurveyCampaignConfiguration : IEntityTypeConfiguration<SurveyCampaign>
{
    public void Configure(EntityTypeBuilder<SurveyCampaign> builder)
    {
        builder.Property(c => c.Quarter).HasMaxLength(Quarter.TextMaxLength);
        builder.Property(c => c.Title).HasMaxLength(SurveyCampaign.TitleMaxLength);
        builder.Property(c => c.OpenedBy).HasMaxLength(SurveyCampaign.OpenedByMaxLength);

        // One campaign per quarter; the page checks first for a readable message, the index settles a race.
        builder.HasIndex(c => c.Quarter).IsUnique();
    }
}

internal sealed class SurveyInvitationConfiguration : IEntityTypeConfiguration<SurveyInvitation>
{
    public void Configure(EntityTypeBuilder<SurveyInvitation> builder)
    {
        builder.Property(i => i.TokenNonce).HasMaxLength(SurveyInvitation.NonceLength).IsFixedLength();
        builder.HasOne<SurveyCampaign>().WithMany().HasForeignKey(i => i.CampaignId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Customer>().WithMany().HasForeignKey(i => i.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(i => new { i.CampaignId, i.CustomerId }).IsUnique();

        // The response-rate KPI: a campaign's invitations and whether each was answered, from the index alone.
        builder.HasIndex(i => new { i.CampaignId, i.AnsweredAt });
        builder.HasIndex(i => i.TokenNonce).IsUnique();

        // A customer's open invitations in the portal.
        builder.HasIndex(i => new { i.CustomerId, i.ExpiresAt });
    }
}

internal sealed class SurveyResponseConfiguration : IEntityTypeConfiguration<SurveyResponse>
{
    public void Configure(EntityTypeBuilder<SurveyResponse> builder)
    {
        builder.Property(r => r.Comment).HasMaxLength(SurveyResponse.CommentMaxLength);
        builder.HasOne<SurveyInvitation>().WithMany().HasForeignKey(r => r.InvitationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SurveyCampaign>().WithMany().HasForeignKey(r => r.CampaignId).OnDelete(DeleteBehavior.NoAction);
        builder.HasIndex(r => r.InvitationId).IsUnique();

        // A campaign's aggregates and its comments newest first (keyset on SubmittedAt, Id).
        builder.HasIndex(r => new { r.CampaignId, r.SubmittedAt, r.Id });
    }
}
