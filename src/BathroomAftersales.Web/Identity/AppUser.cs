using Microsoft.AspNetCore.Identity;

namespace BathroomAftersales.Web.Identity;

/// <summary>A login account. Customers sign in with their mobile number as the user name; staff with their email.</summary>
public sealed class AppUser : IdentityUser
{
    public const int DisplayNameMaxLength = 100;

    public string DisplayName { get; set; } = string.Empty;

    /// <summary>False once an Admin deactivates the account: sign-in is refused and existing sessions end.</summary>
    public bool IsActive { get; set; } = true;

    public DateTime CreatedAt { get; set; }
}
