using BathroomAftersales.Domain.Billing;
using BathroomAftersales.Domain.Catalog;
using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.Complaints;
using BathroomAftersales.Domain.Contracts;
using BathroomAftersales.Domain.Customers;
using BathroomAftersales.Domain.Files;
using BathroomAftersales.Domain.Notifications;
using BathroomAftersales.Domain.Products;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.Domain.Surveys;
using BathroomAftersales.Domain.Technicians;
using BathroomAftersales.Domain.Training;
using BathroomAftersales.Web.Identity;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.Web.Data;

/// <summary>
/// The one model. Each provider has an empty subclass that owns its migrations (SqliteAppDbContext,
/// SqlServerAppDbContext, PostgresAppDbContext); nothing here may depend on a provider.
/// </summary>
public abstract class AppDbContext : IdentityDbContext<AppUser>, IDataProtectionKeyContext
{
    protected AppDbContext(DbContextOptions options)
        : base(options)
    {
        // Every transaction here is all or nothing: a failed save ends it, and the whole unit runs again or is
        // rolled back. A savepoint around each save inside one would only cost two more round trips per save.
        Database.AutoSavepointsEnabled = false;
    }

    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<ProductModel> ProductModels => Set<ProductModel>();

    public DbSet<CustomerProduct> CustomerProducts => Set<CustomerProduct>();

    public DbSet<Part> Parts => Set<Part>();

    public DbSet<PartPrice> PartPrices => Set<PartPrice>();

    public DbSet<FeeScheduleEntry> FeeScheduleEntries => Set<FeeScheduleEntry>();

    public DbSet<Technician> Technicians => Set<Technician>();

    public DbSet<ServiceRequest> ServiceRequests => Set<ServiceRequest>();

    public DbSet<RequestEvent> RequestEvents => Set<RequestEvent>();

    public DbSet<WorkReport> WorkReports => Set<WorkReport>();

    public DbSet<WorkReportLine> WorkReportLines => Set<WorkReportLine>();

    public DbSet<Invoice> Invoices => Set<Invoice>();

    public DbSet<Payment> Payments => Set<Payment>();

    public DbSet<TrainingEvent> TrainingEvents => Set<TrainingEvent>();

    public DbSet<TrainingRegistration> TrainingRegistrations => Set<TrainingRegistration>();

    public DbSet<ServiceContract> ServiceContracts => Set<ServiceContract>();

    public DbSet<NumberSequence> NumberSequences => Set<NumberSequence>();

    public DbSet<StoredFile> StoredFiles => Set<StoredFile>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<ServiceLevelSettings> ServiceLevelSettings => Set<ServiceLevelSettings>();

    public DbSet<Complaint> Complaints => Set<Complaint>();

    public DbSet<ComplaintEvent> ComplaintEvents => Set<ComplaintEvent>();

    public DbSet<ComplaintSettings> ComplaintSettings => Set<ComplaintSettings>();

    public DbSet<FollowUp> FollowUps => Set<FollowUp>();

    public DbSet<SurveyCampaign> SurveyCampaigns => Set<SurveyCampaign>();

    public DbSet<SurveyInvitation> SurveyInvitations => Set<SurveyInvitation>();

    public DbSet<SurveyResponse> SurveyResponses => Set<SurveyResponse>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<ReportSnapshot> ReportSnapshots => Set<ReportSnapshot>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var detect = PrepareSave();
        try
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var detect = PrepareSave();
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

        // The roles exist on every database from its first migration, whichever way it is deployed.
        builder.Entity<IdentityRole>().HasData(Identity.Roles.All.Select(role => new IdentityRole
        {
            Id = "role-" + role.ToLowerInvariant(),
            Name = role,
            NormalizedName = role.ToUpperInvariant(),
            ConcurrencyStamp = "seed-" + role.ToLowerInvariant(),
        }));
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();

        // Enums are stored by name: readable in every provider's tools and stable when members are added.
        configurationBuilder.Properties<CustomerKind>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<ProductCategory>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<RequestStatus>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<RequestType>().HaveConversion<string>().HaveMaxLength(30);
        configurationBuilder.Properties<RequestChannel>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<RequestPriority>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<RequestEventKind>().HaveConversion<string>().HaveMaxLength(30);
        configurationBuilder.Properties<FilePurpose>().HaveConversion<string>().HaveMaxLength(30);
        configurationBuilder.Properties<FeeKind>().HaveConversion<string>().HaveMaxLength(30);
        configurationBuilder.Properties<FeeUnit>().HaveConversion<string>().HaveMaxLength(20);

        // Money is yuan with fen: decimal(18,2) on SQL Server and PostgreSQL. SQLite keeps decimals as TEXT and EF Core
        // compares, orders and sums them with its own functions (ADR 0014).
        configurationBuilder.Properties<decimal>().HavePrecision(18, 2);
        configurationBuilder.Properties<FaultCause>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<Payer>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<WorkReportLineKind>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<PhotoStage>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<InvoiceStatus>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<PaymentMethod>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<TrainingEventStatus>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<ContractStatus>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<ComplaintCategory>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<ComplaintChannel>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<ComplaintStatus>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<ComplaintEventKind>().HaveConversion<string>().HaveMaxLength(30);
        configurationBuilder.Properties<FollowUpStatus>().HaveConversion<string>().HaveMaxLength(20);

        configurationBuilder.Properties<SurveyAudience>().HaveConversion<string>().HaveMaxLength(30);

        // A set of flags is one number.
        configurationBuilder.Properties<PreferredVisitTimes>().HaveConversion<int>();
    }

    /// <summary>
    /// Finds what changed once per save, then turns automatic detection off until the save is done: the save itself and
    /// each save interceptor (audit, desk queue) would otherwise scan every tracked entity again. Every save of a
    /// versioned entity gets a new token, set through its entry so that it counts as changed; EF compares the old one in
    /// the WHERE clause. Returns the detection setting to restore.
    /// </summary>
    private bool PrepareSave()
    {
        var detect = ChangeTracker.AutoDetectChangesEnabled;
        if (detect)
        {
            ChangeTracker.DetectChanges();
            ChangeTracker.AutoDetectChangesEnabled = false;
        }

        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                entry.Property(nameof(IVersioned.Version)).CurrentValue = Guid.NewGuid();
            }
        }

        return detect;
    }
}

public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options);

public sealed class SqlServerAppDbContext(DbContextOptions<SqlServerAppDbContext> options) : AppDbContext(options);

public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options);
