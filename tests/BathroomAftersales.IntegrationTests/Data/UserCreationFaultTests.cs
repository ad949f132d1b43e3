using System.Globalization;
using System.Net;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.IntegrationTests.Data;

/// <summary>
/// The administrator's new-account form on PostgreSQL with a transient fault (serialization failure) in the middle of
/// what it writes: the account, its role row and, for a technician, the technician record. The execution strategy
/// retries the whole transaction; the form ends with one account in its one role (and one technician record), never
/// an account without its role or record, and the same form sent again is refused as a duplicate (skipped without a server).
/// </summary>
[Trait(TestTraits.Database, TestTraits.OwnDatabase)]
public sealed class UserCreationFaultTests(TransientFaultAppFactory factory) : IClassFixture<TransientFaultAppFactory>
{
    private const string Password = "Long-Enough-2026";

    /// <summary>Where the fault strikes: the insert of the role row, the insert of the technician record, or the commit.</summary>
    public static TheoryData<string, string> Faults => new()
    {
        { Roles.CrmAgent, "AspNetUserRoles" },
        { Roles.Manager, "COMMIT" },
        { Roles.Technician, "AspNetUserRoles" },
        { Roles.Technician, "Technicians" },
        { Roles.Technician, "COMMIT" },
    };

    [SkippableTheory]
    [MemberData(nameof(Faults))]
    public async Task A_new_account_retried_after_a_fault_is_stored_once_with_its_role_and_record_and_sent_again_is_refused(string role, string fault)
    {
        PostgresAppFactory.SkipUnlessAvailable();
        var email = $"fault.{Guid.NewGuid().ToString("N")[..8]}@example.com";
        var name = "重试新账号 " + role;
        var fields = new Dictionary<string, string?>
        {
            ["Input.DisplayName"] = name,
            ["Input.Email"] = email,
            ["Input.Mobile"] = "139" + Random.Shared.Next(100_000_000).ToString("D8", CultureInfo.InvariantCulture),
            ["Input.Role"] = role,
            ["Input.Password"] = Password,
        };
        using var admin = factory.CreateBrowser();
        await admin.SignInAsync(Accounts.Admin);

        if (fault == "COMMIT")
        {
            factory.Faults.FailOnceAtCommit();
        }
        else
        {
            factory.Faults.FailOnce(fault);
        }

        using (var created = await admin.SubmitFormAsync("/Admin/Users/Create", fields))
        {
            Assert.Equal(1, factory.Faults.Injected);
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
            Assert.Equal("/Admin/Users", created.RedirectTarget());
        }

        await AssertOneAccountAsync(email, name, role);

        // The same form sent again (a double click, a browser's resend): refused as a duplicate, still one account.
        using (var again = await admin.SubmitFormAsync("/Admin/Users/Create", fields))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Contains((await again.ReadDocumentAsync()).ErrorMessages(), e => e.Contains(email, StringComparison.OrdinalIgnoreCase));
        }

        await AssertOneAccountAsync(email, name, role);

        // And the account works: its password signs in.
        using var user = factory.CreateBrowser();
        using var login = await user.LoginAsync(email, Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
    }

    /// <summary>One account with the address, in exactly its role; a technician record for it exactly when it is a technician.</summary>
    private async Task AssertOneAccountAsync(string email, string name, string role)
    {
        var normalized = email.ToUpperInvariant();
        var user = Assert.Single(await factory.QueryAsync(db => db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized).ToListAsync()));
        Assert.Equal(name, user.DisplayName);
        var roles = await factory.QueryAsync(db => db.UserRoles.Where(r => r.UserId == user.Id)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync());
        Assert.Equal([role], roles);
        var technicians = await factory.QueryAsync(db => db.Technicians.AsNoTracking().Where(t => t.UserId == user.Id).Select(t => t.Name).ToListAsync());
        Assert.Equal(role == Roles.Technician ? [name] : [], technicians);
    }
}
