using Microsoft.AspNetCore.Authorization;

namespace BathroomAftersales.Web.Identity;

/// <summary>Authorization policies per audience; each Pages/ folder is bound to one of them in Program.</summary>
public static class Policies
{
    /// <summary>/Portal: the customer's own data.</summary>
    public const string Customers = nameof(Customers);

    /// <summary>/Staff: the CRM desk.</summary>
    public const string ServiceDesk = nameof(ServiceDesk);

    /// <summary>/Technician: field work.</summary>
    public const string Technicians = nameof(Technicians);

    /// <summary>/Reports: management only.</summary>
    public const string Managers = nameof(Managers);

    /// <summary>/Admin: catalogs, fee schedule and technicians; no customer data (separation of duties).</summary>
    public const string Administration = nameof(Administration);

    /// <summary>/Admin/Users: user accounts and roles, the system administrator only.</summary>
    public const string Administrators = nameof(Administrators);

    public static void Configure(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddPolicy(Customers, p => p.RequireRole(Roles.Customer));
        options.AddPolicy(ServiceDesk, p => p.RequireRole(Roles.CrmAgent, Roles.Manager));
        options.AddPolicy(Technicians, p => p.RequireRole(Roles.Technician));
        options.AddPolicy(Managers, p => p.RequireRole(Roles.Manager));
        options.AddPolicy(Administration, p => p.RequireRole(Roles.Manager, Roles.Admin));
        options.AddPolicy(Administrators, p => p.RequireRole(Roles.Admin));
    }

    /// <summary>Where a user lands after signing in: the first area their roles open.</summary>
    public static string LandingPage(Func<string, bool> isInRole)
    {
        ArgumentNullException.ThrowIfNull(isInRole);
        if (isInRole(Roles.Customer))
        {
            return "/Portal";
        }

        if (isInRole(Roles.CrmAgent) || isInRole(Roles.Manager))
        {
            return "/Staff";
        }

        if (isInRole(Roles.Technician))
        {
            return "/Technician/Jobs";
        }

        return isInRole(Roles.Admin) ? "/Admin" : "/";
    }
}
