namespace BathroomAftersales.Web.Identity;

/// <summary>The five roles of the domain guide. Use these constants, never string literals.</summary>
public static class Roles
{
    public const string Customer = nameof(Customer);
    public const string CrmAgent = nameof(CrmAgent);
    public const string Technician = nameof(Technician);
    public const string Manager = nameof(Manager);
    public const string Admin = nameof(Admin);

    public static readonly IReadOnlyList<string> All = [Customer, CrmAgent, Technician, Manager, Admin];

    /// <summary>Roles an Admin may give to a staff account (customers register themselves).</summary>
    public static readonly IReadOnlyList<string> Staff = [CrmAgent, Technician, Manager, Admin];
}
