using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BathroomAftersales.IntegrationTests.Data;

/// <summary>
/// The <c>create-admin</c> command on a fresh PostgreSQL database (no demo data, so no administrator yet) with a transient
/// fault while it writes the account's role row: the execution strategy retries the whole transaction, and the command
/// ends with one administrator who can sign in; run again, it refuses and still leaves one (skipped without a server).
/// </summary>
[Trait(TestTraits.Database, TestTraits.OwnDatabase)]
public sealed class AdminCommandFaultTests(AdminCommandFaultTests.EmptyFaultAppFactory factory) : IClassFixture<AdminCommandFaultTests.EmptyFaultAppFactory>
{
    private const string Password = "Harbour-Kettle-Lantern-7";

    [SkippableFact]
    public async Task The_first_administrator_retried_after_a_fault_on_its_role_row_is_created_once_in_the_admin_role_and_a_second_run_is_refused()
    {
        PostgresAppFactory.SkipUnlessAvailable();
        Skip.If(!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("BA_ADMIN_PASSWORD")), "BA_ADMIN_PASSWORD is set: the command would not read the password given here");
        const string email = "first.admin@example.com";
        string[] args = [AdminCommand.Name, "--email", email, "--name", "首位管理员"];

        factory.Faults.FailOnce("AspNetUserRoles");
        using (var output = new StringWriter())
        {
            var exit = await AdminCommand.RunAsync(factory.Services, args, new StringReader(Password + "\n"), output);
            Assert.True(exit == 0, output.ToString());
            Assert.Equal(1, factory.Faults.Injected);
            Assert.Contains($"Administrator {email} created.", output.ToString(), StringComparison.Ordinal);
        }

        await AssertOneAdministratorAsync(email);

        using (var output = new StringWriter())
        {
            Assert.Equal(1, await AdminCommand.RunAsync(factory.Services, args, new StringReader(Password + "\n"), output));
            Assert.Contains("An administrator already exists", output.ToString(), StringComparison.Ordinal);
        }

        await AssertOneAdministratorAsync(email);
        await using var scope = factory.OpenDb();
        var users = scope.Get<UserManager<AppUser>>();
        Assert.True(await users.CheckPasswordAsync((await users.FindByEmailAsync(email))!, Password));
    }

    /// <summary>The database holds one account, the administrator's, in exactly the Admin role.</summary>
    private async Task AssertOneAdministratorAsync(string email)
    {
        var user = Assert.Single(await factory.QueryAsync(db => db.Users.AsNoTracking().ToListAsync()));
        Assert.Equal((email, "首位管理员"), (user.Email, user.DisplayName));
        var roles = await factory.QueryAsync(db => db.UserRoles.Where(r => r.UserId == user.Id)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync());
        Assert.Equal([Roles.Admin], roles);
    }

    /// <summary>The app on a PostgreSQL database without the demo data, with a <see cref="TransientFaultInjector"/>.</summary>
    public sealed class EmptyFaultAppFactory : PostgresAppFactory
    {
        public TransientFaultInjector Faults { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Seed:DemoData", "false");
            builder.ConfigureTestServices(services =>
                services.ConfigureDbContext<PostgresAppDbContext>((_, options) => options.AddInterceptors(Faults)));
        }
    }
}
