using System.Security.Cryptography;
using System.Text;
using BathroomAftersales.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace BathroomAftersales.Web.Identity;

/// <summary>
/// Identity's Entity Framework store, except that recovery codes are kept as SHA-256 hashes. Identity stores them in
/// plain text, joined by ';', in the user token ("[AspNetUserStore]", "RecoveryCodes"); here each entry is
/// <c>sha256:</c> and the hex hash of the user id and the code, so a copy of the database gives no usable code and
/// equal codes of two users do not look alike. A redeemed code is compared in constant time and removed. Entries
/// stored in plain text before (no prefix) still work once each; any write hashes whatever is left of them.
/// </summary>
public sealed class AppUserStore(AppDbContext context, IdentityErrorDescriber describer)
    : UserStore<AppUser, IdentityRole, AppDbContext>(context, describer)
{
    public const string HashPrefix = "sha256:";

    /// <summary>Where Identity's store keeps the recovery codes (its constants are private).</summary>
    public const string RecoveryCodesLoginProvider = "[AspNetUserStore]";

    public const string RecoveryCodesTokenName = "RecoveryCodes";

    private const char Separator = ';';

    public override Task ReplaceCodesAsync(AppUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(recoveryCodes);
        return StoreEntriesAsync(user, recoveryCodes.Select(code => Hash(user, code)), cancellationToken);
    }

    public override async Task<bool> RedeemCodeAsync(AppUser user, string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(code);
        var entries = await EntriesAsync(user, cancellationToken);
        var hashed = Encoding.ASCII.GetBytes(Hash(user, code));
        var plain = Encoding.UTF8.GetBytes(code);

        // Every entry is compared, so the time taken does not tell which entry (if any) matched.
        var match = -1;
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var equal = entry.StartsWith(HashPrefix, StringComparison.Ordinal)
                ? CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(entry), hashed)
                : CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(entry), plain);
            if (equal && match < 0)
            {
                match = i;
            }
        }

        if (match < 0)
        {
            return false;
        }

        entries.RemoveAt(match);
        await StoreEntriesAsync(
            user,
            entries.Select(entry => entry.StartsWith(HashPrefix, StringComparison.Ordinal) ? entry : Hash(user, entry)),
            cancellationToken);
        return true;
    }

    public override async Task<int> CountCodesAsync(AppUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return (await EntriesAsync(user, cancellationToken)).Count;
    }

    /// <summary>The stored form of a code: <c>sha256:</c> and the lower-case hex SHA-256 of "user id:code" in UTF-8.</summary>
    public static string Hash(AppUser user, string code)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(code);
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"{user.Id}:{code}"));
        return HashPrefix + Convert.ToHexStringLower(digest);
    }

    private async Task<List<string>> EntriesAsync(AppUser user, CancellationToken cancellationToken)
    {
        var merged = await GetTokenAsync(user, RecoveryCodesLoginProvider, RecoveryCodesTokenName, cancellationToken) ?? string.Empty;
        return [.. merged.Split(Separator, StringSplitOptions.RemoveEmptyEntries)];
    }

    private Task StoreEntriesAsync(AppUser user, IEnumerable<string> entries, CancellationToken cancellationToken) =>
        SetTokenAsync(user, RecoveryCodesLoginProvider, RecoveryCodesTokenName, string.Join(Separator, entries), cancellationToken);
}
