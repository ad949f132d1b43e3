using System.Collections.Frozen;

using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.Web.Identity;

/// <summary>
/// Refuses passwords that attackers try first (ASVS 2.1.7): the commonest passwords, those same words with digits or
/// symbols around them ("Password2026!", "qwertyuiop123"), runs and repeats ("123456789012", "aaaaaaaaaaaa"), and
/// passwords that contain the account's own mobile number, email or user name. Applies wherever Identity sets a
/// password: registration, accounts created by an administrator, password resets.
/// </summary>
public sealed class CommonPasswordValidator(IStringLocalizer<SharedResource> localizer) : IPasswordValidator<AppUser>
{
    public const string TooCommonCode = "PasswordTooCommon";
    public const string ContainsAccountCode = "PasswordContainsAccountName";

    /// <summary>Parts of the account (mobile, email, user name) shorter than this are too short to be a giveaway.</summary>
    private const int MinimumPersonalPart = 4;

    private static readonly Lazy<FrozenSet<string>> CommonPasswords = new(LoadList);

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        if (IsCommon(password))
        {
            return Task.FromResult(Failed(TooCommonCode, "This password is too common and easy to guess. Please choose another one, for example a few unrelated words."));
        }

        if (ContainsAccountName(password, user))
        {
            return Task.FromResult(Failed(ContainsAccountCode, "The password must not contain your mobile number, email or user name."));
        }

        return Task.FromResult(IdentityResult.Success);
    }

    /// <summary>Whether the password is on the list, is a listed word with digits or symbols around it, or is a run or repeat.</summary>
    public static bool IsCommon(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var lower = password.Trim().ToLowerInvariant();
        var list = CommonPasswords.Value;
        if (list.Contains(lower) || IsRunOrRepeat(lower))
        {
            return true;
        }

        var core = lower.Trim(DecorationCharacters());
        if (core.Length < MinimumPersonalPart)
        {
            // Nothing but digits and symbols around a short core: "2026!!2026!!" or "1qaz!QAZ1qaz".
            return core.Length == 0 && IsRunOrRepeat(new string(lower.Where(char.IsAsciiDigit).ToArray()));
        }

        return list.Contains(core) || list.Contains(Unleet(core)) || RepeatedUnit(core) is { } unit && IsWeakUnit(unit, core.Length / unit.Length);
    }

    private static bool ContainsAccountName(string password, AppUser user)
    {
        var lower = password.ToLowerInvariant();
        var email = user.Email?.Trim().ToLowerInvariant();
        string?[] parts =
        [
            user.UserName?.Trim().ToLowerInvariant(),
            user.PhoneNumber?.Trim(),
            email,
            email?.Split('@')[0],
        ];
        return parts.Any(part => part is { Length: >= MinimumPersonalPart } && lower.Contains(part, StringComparison.Ordinal));
    }

    /// <summary>Digits and symbols people put before or after a word to pass composition rules.</summary>
    private static char[] DecorationCharacters() => "0123456789!@#$%^&*()-_=+.,?~`'\"[]{}<>/\\|;: ".ToCharArray();

    /// <summary>"p@ssw0rd" → "password": the usual letter-for-symbol swaps.</summary>
    private static string Unleet(string core) => string.Create(core.Length, core, (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            span[i] = source[i] switch
            {
                '@' or '4' => 'a',
                '0' => 'o',
                '1' or '!' => 'i',
                '3' => 'e',
                '$' or '5' => 's',
                '7' => 't',
                _ => source[i],
            };
        }
    });

    /// <summary>A repeated unit is a giveaway when it is short, common, a run, or repeated three times or more.</summary>
    private static bool IsWeakUnit(string unit, int repeats) =>
        unit.Length < MinimumPersonalPart || repeats >= 3 || IsRunOrRepeat(unit) || CommonPasswords.Value.Contains(unit);

    /// <summary>The shortest unit the text repeats ("abcabcabc" → "abc"), or null when it is no repetition.</summary>
    private static string? RepeatedUnit(string text)
    {
        for (var length = 1; length <= text.Length / 2; length++)
        {
            if (text.Length % length == 0 && string.Concat(Enumerable.Repeat(text[..length], text.Length / length)) == text)
            {
                return text[..length];
            }
        }

        return null;
    }

    /// <summary>One character repeated, or a run up or down the alphabet or the digits ("123456789012", "zyxwvutsrqpo").</summary>
    private static bool IsRunOrRepeat(string text)
    {
        if (text.Length < 2)
        {
            return text.Length == 1;
        }

        var step = Step(text[0], text[1]);
        if (step is not (0 or 1 or -1))
        {
            return false;
        }

        for (var i = 2; i < text.Length; i++)
        {
            if (Step(text[i - 1], text[i]) != step)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The step between two neighbours; digits wrap around (…8, 9, 0, 1…).</summary>
    private static int Step(char previous, char next)
    {
        var step = next - previous;
        if (char.IsAsciiDigit(previous) && char.IsAsciiDigit(next))
        {
            return step switch
            {
                -9 => 1,
                9 => -1,
                _ => step,
            };
        }

        return step;
    }

    private IdentityResult Failed(string code, string message) =>
        IdentityResult.Failed(new IdentityError { Code = code, Description = localizer[message] });

    private static FrozenSet<string> LoadList()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("BathroomAftersales.Web.Identity.common-passwords.txt")
            ?? throw new InvalidOperationException("The embedded list of common passwords is missing.");
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                words.Add(line.Trim().ToLowerInvariant());
            }
        }

        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}
