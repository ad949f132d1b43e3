namespace BathroomAftersales.Web.Pages.Staff.Requests;

/// <summary>The order of the dispatch picker: who can fix this product, then who serves the district, then who is least busy.</summary>
public static class TechnicianRanking
{
    public static IReadOnlyList<DetailsModel.TechnicianChoice> BestFirst(IEnumerable<DetailsModel.TechnicianChoice> choices) =>
        [.. choices
            .OrderByDescending(t => t.SkillMatch)
            .ThenByDescending(t => t.DistrictMatch)
            .ThenBy(t => t.OpenJobs)
            .ThenBy(t => t.Name, StringComparer.Ordinal)];
}
