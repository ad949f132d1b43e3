using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.Products;

namespace BathroomAftersales.Domain.Technicians;

/// <summary>A field technician (技术人员): who can be dispatched, for which products and where.</summary>
public sealed class Technician : IVersioned
{
    public const int NameMaxLength = 100;
    public const int DistrictMaxLength = 50;

    private List<ProductCategory> _skills = [];
    private List<string> _districts = [];

    private Technician()
    {
        UserId = string.Empty;
        Name = string.Empty;
    }

    public Technician(string userId, string name, string? mobile, IEnumerable<ProductCategory> skills, IEnumerable<string> districts)
    {
        UserId = Guard.Required(userId, nameof(UserId), 450);
        Name = Guard.Required(name, nameof(Name), NameMaxLength);
        Mobile = mobile;
        ChangeSkills(skills);
        ChangeDistricts(districts);
        Active = true;
    }

    public int Id { get; private set; }

    public Guid Version { get; set; }

    public string UserId { get; private set; }

    public string Name { get; private set; }

    public string? Mobile { get; private set; }

    public IReadOnlyList<ProductCategory> Skills => _skills;

    /// <summary>Districts (区/县) the technician serves, e.g. 浦东新区.</summary>
    public IReadOnlyList<string> Districts => _districts;

    public bool Active { get; private set; }

    public bool CanServe(ProductCategory category) => _skills.Contains(category);

    public bool Covers(string district) => _districts.Contains(district, StringComparer.Ordinal);

    public void ChangeSkills(IEnumerable<ProductCategory> skills) =>
        _skills = [.. skills.Distinct().Order()];

    public void ChangeDistricts(IEnumerable<string> districts) =>
        _districts = [.. districts
            .Select(d => Guard.Required(d, "District", DistrictMaxLength))
            .Distinct(StringComparer.Ordinal)];

    public void Rename(string name, string? mobile)
    {
        Name = Guard.Required(name, nameof(Name), NameMaxLength);
        Mobile = mobile;
    }

    public void Deactivate() => Active = false;

    public void Activate() => Active = true;
}
