using BathroomAftersales.Web.Data;

using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.Web.Identity;

/// <summary>
/// <c>create-admin --email EMAIL [--name NAME]</c>: creates the first Admin of a fresh production database.
/// The password is read from BA_ADMIN_PASSWORD or, when that is unset, from the first line of standard input, so it
/// never appears in a process list or shell history. Refused once any Admin exists: later accounts are made in /Admin.
/// </summary>
public static class AdminCommand
{
    public const string Name = "create-admin";

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == Name;

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextReader input, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        var email = Option(args, "--email");
        var displayName = Option(args, "--name") ?? "Administrator";
        if (string.IsNullOrWhiteSpace(email))
        {
            await output.WriteLineAsync("Usage: create-admin --email EMAIL [--name NAME]   (password from BA_ADMIN_PASSWORD or standard input)");
            return 2;
        }

        var password = Environment.GetEnvironmentVariable("BA_ADMIN_PASSWORD");
        if (string.IsNullOrEmpty(password))
        {
            await output.WriteLineAsync("Password:");
            password = await input.ReadLineAsync();
        }

        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if ((await db.Database.GetPendingMigrationsAsync()).Any())
        {
            await output.WriteLineAsync("The database is not up to date: apply the migration script (see README) first.");
            return 1;
        }

        if ((await users.GetUsersInRoleAsync(Roles.Admin)).Count > 0)
        {
            await output.WriteLineAsync("An administrator already exists; create further accounts on the /Admin/Users/Create page.");
            return 1;
        }

        // Made once and handed to every attempt of the transaction below: its key is made here, not by the database, and
        // CreateAsync sets the rest again each time; a retry starts from an empty change tracker, so the account and
        // role row saved by a rolled-back attempt are not taken as done.
        var user = new AppUser
        {
            UserName = email.Trim(),
            Email = email.Trim(),
            EmailConfirmed = true,
            DisplayName = displayName,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        var result = await db.InTransactionAsync(async () =>
        {
            var created = await users.CreateAsync(user, password ?? string.Empty);
            return created.Succeeded ? await users.AddToRoleAsync(user, Roles.Admin) : created;
        });

        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                await output.WriteLineAsync(error.Description);
            }

            return 1;
        }

        await output.WriteLineAsync($"Administrator {user.Email} created.");
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
