using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using BathroomAftersales.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace BathroomAftersales.Web.Identity;

/// <summary>
/// Authenticator codes (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits) checked on the app's clock, each usable once.
/// Identity's own <see cref="AuthenticatorTokenProvider{TUser}"/> reads <c>DateTimeOffset.UtcNow</c> and accepts the same
/// code again and again while it is valid. This one keeps the last accepted step per user (an Identity user token, so no
/// migration) and refuses any code of that step or an earlier one, on every path that checks a code: the second sign-in
/// step, turning two-factor on and the re-authentication of the set-up page.
/// </summary>
public sealed class AppAuthenticatorTokenProvider(TimeProvider time, ILogger<AppAuthenticatorTokenProvider> logger)
    : AuthenticatorTokenProvider<AppUser>
{
    /// <summary>The login provider of the user token holding the last accepted step (AspNetUserTokens.LoginProvider).</summary>
    public const string LoginProvider = "BathroomAftersales";

    /// <summary>The name of that token (AspNetUserTokens.Name); its value is the step number in invariant digits.</summary>
    public const string LastStepTokenName = "LastTotpStep";

    public static readonly TimeSpan StepLength = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Steps accepted either side of now, for phones whose clocks are a little off: one, so a code works for about
    /// 90 seconds (Identity's own window is two, about two and a half minutes; ASVS 2.8.1).
    /// </summary>
    public const int StepsEitherSide = 1;

    private const int Digits = 6;

    /// <summary>The RFC 6238 time step of an instant.</summary>
    public static long StepAt(DateTimeOffset instant) => instant.ToUnixTimeSeconds() / (long)StepLength.TotalSeconds;

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(user);
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (token is not { Length: Digits } || !token.All(char.IsAsciiDigit) || !TryDecodeBase32(key, out var keyBytes))
        {
            return false;
        }

        var code = int.Parse(token, NumberStyles.None, CultureInfo.InvariantCulture);
        var now = StepAt(time.GetUtcNow());
        var last = await LastUsedStepAsync(manager, user);
        var replayed = false;
        for (var step = now - StepsEitherSide; step <= now + StepsEitherSide; step++)
        {
            if (Compute(keyBytes, step) != code)
            {
                continue;
            }

            if (step <= last)
            {
                replayed = true;
                continue;
            }

            // Saving fails on a concurrency conflict: another request accepted a code for this user at the same moment.
            var saved = await manager.SetAuthenticationTokenAsync(user, LoginProvider, LastStepTokenName, step.ToString(CultureInfo.InvariantCulture));
            return saved.Succeeded;
        }

        if (replayed)
        {
            logger.TwoFactorCodeReplayed(user.Id);
        }

        return false;
    }

    /// <summary>The last step a code was accepted for, or <see cref="long.MinValue"/> when none was (or the key is new).</summary>
    public static async Task<long> LastUsedStepAsync(UserManager<AppUser> manager, AppUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        var value = await manager.GetAuthenticationTokenAsync(user, LoginProvider, LastStepTokenName);
        return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var step) ? step : long.MinValue;
    }

    /// <summary>RFC 4226 HOTP of the step counter (RFC 6238), truncated to six digits.</summary>
    private static int Compute(byte[] key, long step)
    {
        Span<byte> counter = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[HMACSHA1.HashSizeInBytes];
#pragma warning disable CA5350 // RFC 6238 with HMAC-SHA1 is what authenticator apps compute from an otpauth:// key (ASVS 2.8.3).
        HMACSHA1.HashData(key, counter, hash);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = BinaryPrimitives.ReadInt32BigEndian(hash.Slice(offset, 4)) & 0x7fffffff;
        return binary % 1_000_000;
    }

    /// <summary>The key as Identity stores it: RFC 4648 Base32 without padding (the set-up page shows it in groups).</summary>
    private static bool TryDecodeBase32(string? text, out byte[] bytes)
    {
        bytes = [];
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var output = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in text)
        {
            if (c is ' ' or '=')
            {
                continue;
            }

            int value = char.ToUpperInvariant(c) switch
            {
                >= 'A' and <= 'Z' and var letter => letter - 'A',
                >= '2' and <= '7' and var digit => digit - '2' + 26,
                _ => -1,
            };
            if (value < 0)
            {
                return false;
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                output.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }

        bytes = [.. output];
        return bytes.Length > 0;
    }
}
