using BathroomAftersales.Domain.Common;

namespace BathroomAftersales.Domain.Customers;

/// <summary>
/// What keeps an archive record from being accurate (clause 2.2(4): the archive must be 100% accurate). Stored on the
/// record and recomputed on every change, so the work-list and the accuracy figure are one indexed count.
/// </summary>
[Flags]
public enum ArchiveProblems
{
    None = 0,

    /// <summary>No address: a technician cannot be sent.</summary>
    AddressMissing = 1,

    /// <summary>The street has no house number (门牌号).</summary>
    AddressIncomplete = 2,

    /// <summary>A household without a mobile cannot be texted or called on site.</summary>
    MobileMissing = 4,

    /// <summary>A phone number fails the mainland-China formats (records from before the checks, or imported).</summary>
    PhoneInvalid = 8,

    /// <summary>The email address is not plausible.</summary>
    EmailInvalid = 16,

    /// <summary>The name is a single character or only digits.</summary>
    NameSuspicious = 32,
}

/// <summary>The archive rules, one place: which <see cref="ArchiveProblems"/> a record has.</summary>
public static class ArchiveRules
{
    public static ArchiveProblems Check(string name, CustomerKind kind, string? mobile, string? landline, string? email, Address? address)
    {
        var problems = ArchiveProblems.None;
        if (address is null)
        {
            problems |= ArchiveProblems.AddressMissing;
        }
        else if (!address.Street.Any(char.IsDigit) || address.Street.Trim().Length < 4)
        {
            problems |= ArchiveProblems.AddressIncomplete;
        }

        if (mobile is null && kind == CustomerKind.Individual)
        {
            problems |= ArchiveProblems.MobileMissing;
        }

        if ((mobile is not null && !PhoneNumbers.IsValidMobile(mobile)) || (landline is not null && !PhoneNumbers.IsValidLandline(landline)))
        {
            problems |= ArchiveProblems.PhoneInvalid;
        }

        if (email is not null && !IsPlausibleEmail(email))
        {
            problems |= ArchiveProblems.EmailInvalid;
        }

        var trimmed = name.Trim();
        if (trimmed.Length < 2 || trimmed.All(char.IsDigit))
        {
            problems |= ArchiveProblems.NameSuspicious;
        }

        return problems;
    }

    private static bool IsPlausibleEmail(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == email.LastIndexOf('@') && email.IndexOf('.', at) > at + 1 && !email.EndsWith('.') && !email.Any(char.IsWhiteSpace);
    }
}
