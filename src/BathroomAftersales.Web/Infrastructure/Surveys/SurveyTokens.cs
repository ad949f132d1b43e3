using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BathroomAftersales.Domain.Surveys;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace BathroomAftersales.Web.Infrastructure.Surveys;

/// <summary>
/// The personal survey link: the invitation id and its random nonce, protected (encrypted and signed) by Data Protection
/// with the purpose <see cref="Purpose"/>. An altered or forged token does not unprotect. The expiry and single use are
/// not in the token: they live on the invitation and are checked against the app's <see cref="TimeProvider"/>, which the
/// time-limited protector (system clock) would not honour in tests.
/// </summary>
public sealed class SurveyTokens(IDataProtectionProvider provider)
{
    public const string Purpose = "Survey.Invitation.v1";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    /// <summary>A fresh random nonce for a new invitation (32 hex characters).</summary>
    public static string NewNonce() => Convert.ToHexString(RandomNumberGenerator.GetBytes(SurveyInvitation.NonceLength / 2));

    public string Create(int invitationId, string nonce)
    {
        var payload = string.Create(CultureInfo.InvariantCulture, $"{invitationId}:{nonce}");
        return WebEncoders.Base64UrlEncode(_protector.Protect(Encoding.UTF8.GetBytes(payload)));
    }

    /// <summary>The id and nonce of a genuine token; false for anything else, without saying why.</summary>
    public bool TryRead(string? token, out int invitationId, out string nonce)
    {
        invitationId = 0;
        nonce = string.Empty;
        if (string.IsNullOrWhiteSpace(token) || token.Length > 1000)
        {
            return false;
        }

        string payload;
        try
        {
            payload = Encoding.UTF8.GetString(_protector.Unprotect(WebEncoders.Base64UrlDecode(token)));
        }
        catch (FormatException)
        {
            return false;
        }
        catch (CryptographicException)
        {
            return false;
        }

        var separator = payload.IndexOf(':', StringComparison.Ordinal);
        if (separator <= 0
            || !int.TryParse(payload.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out invitationId)
            || payload.Length - separator - 1 != SurveyInvitation.NonceLength)
        {
            invitationId = 0;
            return false;
        }

        nonce = payload[(separator + 1)..];
        return true;
    }
}
