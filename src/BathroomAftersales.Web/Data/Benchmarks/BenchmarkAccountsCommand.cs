using BathroomAftersales.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.Web.Data.Benchmarks;

/// <summary>
/// <c>benchmark-accounts</c>: on a generated database (<c>generate-data</c>), makes the accounts the HTTP benchmark
/// signs in with (scripts/http-benchmark.sh): <c>bench-agent</c> (CrmAgent), <c>bench-manager</c> (Manager, with an
/// authenticator) and <c>bench-customer</c>, linked to the generated customer with the most requests. The password is
/// read from BA_BENCH_PASSWORD. Idempotent: existing accounts are kept. Prints <c>key=value</c> lines: the manager's
/// authenticator key, and a request of that customer for the detail page. For benchmark databases only.
/// </summary>
public static class BenchmarkAccountsCommand
{
    public const string Name = "benchmark-accounts";

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == Name;

    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        var password = Environment.GetEnvironmentVariable("BA_BENCH_PASSWORD");
        if (string.IsNullOrEmpty(password))
        {
            await output.WriteLineAsync("Set BA_BENCH_PASSWORD to the password the benchmark accounts get.");
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;

        await EnsureAsync(users, "bench-agent@bench.local", "Benchmark agent", Roles.CrmAgent, password, now, output);
        var manager = await EnsureAsync(users, "bench-manager@bench.local", "Benchmark manager", Roles.Manager, password, now, output);
        var customerUser = await EnsureAsync(users, "bench-customer@bench.local", "Benchmark customer", Roles.Customer, password, now, output);
        if (manager is null || customerUser is null)
        {
            return 1;
        }

        if (!await users.GetTwoFactorEnabledAsync(manager))
        {
            await users.ResetAuthenticatorKeyAsync(manager);
            await users.SetTwoFactorEnabledAsync(manager, true);
        }

        var customerId = await db.Customers.Where(c => c.UserId == customerUser.Id).Select(c => (int?)c.Id).SingleOrDefaultAsync();
        if (customerId is null)
        {
            // The generated customer with the most requests: the portal list then pages like a busy household's.
            var busiest = await db.ServiceRequests.AsNoTracking()
                .GroupBy(r => r.CustomerId)
                .OrderByDescending(g => g.Count())
                .Select(g => g.Key)
                .FirstOrDefaultAsync();
            var entity = await db.Customers.SingleOrDefaultAsync(c => c.Id == busiest && c.UserId == null);
            if (entity is null)
            {
                await output.WriteLineAsync("The database holds no requests of an unlinked customer: generate data first (generate-data).");
                return 1;
            }

            entity.LinkUser(customerUser.Id);
            await db.SaveChangesAsync();
            customerId = entity.Id;
        }

        var request = await db.ServiceRequests.AsNoTracking().Where(r => r.CustomerId == customerId).OrderByDescending(r => r.Id).Select(r => r.Id).FirstAsync();
        await output.WriteLineAsync($"manager-authenticator-key={await users.GetAuthenticatorKeyAsync(manager)}");
        await output.WriteLineAsync($"customer-request-id={request}");
        return 0;
    }

    private static async Task<AppUser?> EnsureAsync(
        UserManager<AppUser> users, string email, string name, string role, string password, DateTime now, TextWriter output)
    {
        if (await users.FindByEmailAsync(email) is { } existing)
        {
            return existing;
        }

        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, CreatedAt = now };
        var result = await users.CreateAsync(user, password);
        if (result.Succeeded)
        {
            result = await users.AddToRoleAsync(user, role);
        }

        if (!result.Succeeded)
        {
            await output.WriteLineAsync($"{email}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
            return null;
        }

        return user;
    }
}
