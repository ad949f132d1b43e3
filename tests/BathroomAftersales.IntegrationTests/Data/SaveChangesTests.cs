using BathroomAftersales.Domain.Customers;
using BathroomAftersales.IntegrationTests.Staff;
using BathroomAftersales.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.IntegrationTests.Data;

/// <summary>
/// A save finds the changes once and then runs with automatic detection off (the audit and desk-queue interceptors and
/// EF's own save would each scan every tracked entity again), and contexts are pooled between requests. What a user
/// relies on must still hold: an edit made on a loaded record is saved with its new version and its audit row, a
/// refused save leaves the context as it was, and the next request's context remembers nothing of the last one.
/// </summary>
public sealed class SaveChangesTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task An_edit_of_a_loaded_record_is_saved_with_a_new_version_and_an_audit_row_per_field()
    {
        var created = await factory.CreateCustomerAsync();
        Guid versionBefore;
        await using (var scope = factory.OpenDb())
        {
            var customer = await scope.Db.Customers.SingleAsync(c => c.Id == created.Id);
            versionBefore = customer.Version;

            // Plain property changes through the domain, nothing told to the change tracker.
            customer.Rename(created.Name + "改", CustomerKind.Business, factory.Now());
            await scope.Db.SaveChangesAsync();

            Assert.True(scope.Db.ChangeTracker.AutoDetectChangesEnabled);
        }

        var saved = await factory.QueryAsync(db => db.Customers.AsNoTracking().SingleAsync(c => c.Id == created.Id));
        Assert.Equal(created.Name + "改", saved.Name);
        Assert.Equal(CustomerKind.Business, saved.Kind);
        Assert.NotEqual(versionBefore, saved.Version);
        var key = created.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var audit = await factory.QueryAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(Customer) && a.EntityId == key)
            .OrderBy(a => a.Field).Select(a => new { a.Field, a.OldValue, a.NewValue }).ToListAsync());
        Assert.Equal(
            [new { Field = "Kind", OldValue = (string?)"Individual", NewValue = (string?)"Business" }, new { Field = "Name", OldValue = (string?)created.Name, NewValue = (string?)(created.Name + "改") }],
            audit);
    }

    [Fact]
    public async Task A_save_refused_for_a_conflicting_edit_writes_nothing_and_leaves_change_detection_on()
    {
        var created = await factory.CreateCustomerAsync();
        await using var stale = factory.OpenDb();
        var customer = await stale.Db.Customers.SingleAsync(c => c.Id == created.Id);
        await using (var other = factory.OpenDb())
        {
            var theirs = await other.Db.Customers.SingleAsync(c => c.Id == created.Id);
            theirs.SetNotes("另一位客服的备注", factory.Now());
            await other.Db.SaveChangesAsync();
        }

        customer.SetNotes("过时页面的备注", factory.Now());
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => stale.Db.SaveChangesAsync());

        Assert.True(stale.Db.ChangeTracker.AutoDetectChangesEnabled);
        var saved = await factory.QueryAsync(db => db.Customers.AsNoTracking().SingleAsync(c => c.Id == created.Id));
        Assert.Equal("另一位客服的备注", saved.Notes);
    }

    [Fact]
    public async Task The_next_request_gets_a_context_that_tracks_nothing_and_has_the_default_settings()
    {
        var created = await factory.CreateCustomerAsync();
        await using (var first = factory.OpenDb())
        {
            var customer = await first.Db.Customers.SingleAsync(c => c.Id == created.Id);
            customer.SetNotes("未保存的备注", factory.Now());
            first.Db.ChangeTracker.AutoDetectChangesEnabled = false;
            first.Db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
            first.Db.Database.SetCommandTimeout(30 * 60);
        }

        for (var i = 0; i < 3; i++)
        {
            await using var next = factory.OpenDb();

            Assert.Empty(next.Db.ChangeTracker.Entries());
            Assert.True(next.Db.ChangeTracker.AutoDetectChangesEnabled);
            Assert.Equal(QueryTrackingBehavior.TrackAll, next.Db.ChangeTracker.QueryTrackingBehavior);
            Assert.NotEqual(30 * 60, next.Db.Database.GetCommandTimeout());
            Assert.False(next.Db.Database.AutoSavepointsEnabled);
            var customer = await next.Db.Customers.SingleAsync(c => c.Id == created.Id);
            Assert.Null(customer.Notes);
        }
    }
}
