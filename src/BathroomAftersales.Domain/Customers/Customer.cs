using BathroomAftersales.Domain.Common;

namespace BathroomAftersales.Domain.Customers;

/// <summary>The customer archive record (客户档案). Clause 2.2(4): it must be 100% accurate.</summary>
public sealed class Customer : IVersioned, IAudited
{
    public const int NameMaxLength = 100;
    public const int PhoneMaxLength = 20;
    public const int EmailMaxLength = 256;
    public const int NotesMaxLength = 2000;

    private Customer()
    {
        Name = string.Empty;
    }

    public Customer(string name, CustomerKind kind, string? mobile, string? landline, string? email, Address? address, DateTime nowUtc)
    {
        Name = Guard.Required(name, nameof(Name), NameMaxLength);
        Kind = kind;
        SetContact(mobile, landline, email);
        Address = address;
        CreatedAt = Guard.Utc(nowUtc, nameof(nowUtc));
        UpdatedAt = CreatedAt;
        Recheck();
    }

    public int Id { get; private set; }

    public string Name { get; private set; }

    public CustomerKind Kind { get; private set; }

    /// <summary>Normalised 11-digit mobile number; unique among customers when present.</summary>
    public string? Mobile { get; private set; }

    public string? Landline { get; private set; }

    public string? Email { get; private set; }

    public Address? Address { get; private set; }

    public string? Notes { get; private set; }

    /// <summary>The login account of a customer who registered in the portal; null for archive-only records.</summary>
    public string? UserId { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    /// <summary>What keeps this record from being accurate; <see cref="ArchiveProblems.None"/> when it is.</summary>
    public ArchiveProblems ArchiveProblems { get; private set; }

    /// <summary>Set when this record was a duplicate merged into another one; it then leaves every list.</summary>
    public int? MergedIntoId { get; private set; }

    public DateTime? MergedAt { get; private set; }

    public bool IsMerged => MergedIntoId is not null;

    public Guid Version { get; set; }

    public void LinkUser(string userId)
    {
        if (UserId is not null && UserId != userId)
        {
            throw new DomainException("Customer.AlreadyLinked", "This customer record already belongs to another account.");
        }

        UserId = userId;
    }

    public void Rename(string name, CustomerKind kind, DateTime nowUtc)
    {
        Name = Guard.Required(name, nameof(Name), NameMaxLength);
        Kind = kind;
        Touch(nowUtc);
    }

    public void ChangeContact(string? mobile, string? landline, string? email, DateTime nowUtc)
    {
        SetContact(mobile, landline, email);
        Touch(nowUtc);
    }

    public void Relocate(Address? address, DateTime nowUtc)
    {
        Address = address;
        Touch(nowUtc);
    }

    public void SetNotes(string? notes, DateTime nowUtc)
    {
        Notes = Guard.Optional(notes, nameof(Notes), NotesMaxLength);
        Touch(nowUtc);
    }

    private void SetContact(string? mobile, string? landline, string? email)
    {
        var normalizedMobile = string.IsNullOrWhiteSpace(mobile) ? null : PhoneNumbers.NormalizeMobile(mobile);
        var trimmedLandline = string.IsNullOrWhiteSpace(landline) ? null : landline.Trim();
        if (normalizedMobile is null && trimmedLandline is null)
        {
            throw new DomainException("Customer.PhoneRequired", "A customer needs a mobile or a landline number.");
        }

        if (normalizedMobile is not null && !PhoneNumbers.IsValidMobile(normalizedMobile))
        {
            throw new DomainException("Customer.InvalidMobile", "The mobile number is not a valid mainland-China mobile number.");
        }

        if (trimmedLandline is not null && !PhoneNumbers.IsValidLandline(trimmedLandline))
        {
            throw new DomainException("Customer.InvalidLandline", "The landline number is not valid (e.g. 021-12345678).");
        }

        Mobile = normalizedMobile;
        Landline = trimmedLandline;
        Email = Guard.Optional(email, nameof(Email), EmailMaxLength)?.ToLowerInvariant();
    }

    /// <summary>
    /// Marks this record as a duplicate of <paramref name="target"/>: its notes are kept on the target and its portal
    /// account moves there when the target has none. The caller moves the products, requests and other records in the
    /// same transaction.
    /// </summary>
    public void MergeInto(Customer target, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (ReferenceEquals(target, this) || (Id != 0 && target.Id == Id))
        {
            throw new DomainException("Customer.MergeIntoItself", "A customer cannot be merged into itself.");
        }

        if (IsMerged || target.IsMerged)
        {
            throw new DomainException("Customer.AlreadyMerged", "One of these records has already been merged.");
        }

        if (UserId is not null && target.UserId is not null)
        {
            throw new DomainException("Customer.MergeTwoAccounts", "Both records have a portal account; they cannot be merged.");
        }

        if (!string.IsNullOrWhiteSpace(Notes))
        {
            var combined = string.IsNullOrWhiteSpace(target.Notes) ? Notes : target.Notes + "\n" + Notes;
            target.SetNotes(combined.Length > NotesMaxLength ? combined[..NotesMaxLength] : combined, nowUtc);
        }

        if (UserId is not null)
        {
            target.UserId = UserId;
            UserId = null;
        }

        target.Email ??= Email;
        target.Landline ??= Landline;
        target.Recheck();
        target.Touch(nowUtc);
        MergedIntoId = target.Id;
        MergedAt = Guard.Utc(nowUtc, nameof(nowUtc));
        Touch(nowUtc);
    }

    private void Touch(DateTime nowUtc)
    {
        UpdatedAt = Guard.Utc(nowUtc, nameof(nowUtc));
        Recheck();
    }

    private void Recheck() => ArchiveProblems = ArchiveRules.Check(Name, Kind, Mobile, Landline, Email, Address);
}
