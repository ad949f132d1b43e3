using System.Globalization;
using BathroomAftersales.Domain.Common;
using BathroomAftersales.Web.Infrastructure;
using BathroomAftersales.Web.Pages.Staff.Requests;
using Microsoft.Extensions.Localization;
using Choice = BathroomAftersales.Web.Pages.Staff.Requests.DetailsModel.TechnicianChoice;

namespace BathroomAftersales.UnitTests.Staff;

public sealed class DeskRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);

    private static Choice Tech(string name, bool skill, bool district, int openJobs) =>
        new(0, name, [], [], skill, district, openJobs, []);

    [Fact]
    public void Technicians_with_the_skill_come_first_then_the_district_then_the_fewest_open_jobs()
    {
        var ranked = TechnicianRanking.BestFirst(
        [
            Tech("district only", skill: false, district: true, openJobs: 0),
            Tech("skill busy", skill: true, district: false, openJobs: 5),
            Tech("both busy", skill: true, district: true, openJobs: 3),
            Tech("both free", skill: true, district: true, openJobs: 1),
            Tech("neither", skill: false, district: false, openJobs: 0),
        ]);

        Assert.Equal(["both free", "both busy", "skill busy", "district only", "neither"], ranked.Select(t => t.Name));
    }

    [Fact]
    public void Time_left_is_shown_in_hours_and_minutes_before_the_deadline()
    {
        Assert.Equal("3h 20m left", DeskText.TimeLeft(new EchoLocalizer(), Now.AddHours(3).AddMinutes(20), Now));
    }

    [Fact]
    public void Time_overdue_is_shown_once_the_deadline_has_passed()
    {
        Assert.Equal("Overdue by 1h 5m", DeskText.TimeLeft(new EchoLocalizer(), Now.AddHours(-1).AddMinutes(-5), Now));
        Assert.Equal("Overdue by 26h 0m", DeskText.TimeLeft(new EchoLocalizer(), Now.AddHours(-26), Now));
    }

    [Fact]
    public void A_refused_rule_names_statuses_in_the_users_language()
    {
        var localizer = new EchoLocalizer(new Dictionary<string, string>
        {
            ["Request.IllegalTransition"] = "当前状态为“{0}”，不能执行此操作。",
            ["Acknowledged"] = "已受理",
        });
        var exception = new DomainException("Request.IllegalTransition", "A Acknowledged request cannot take the action Acknowledge.", Domain.ServiceRequests.RequestStatus.Acknowledged, "Acknowledge");

        Assert.Equal("当前状态为“已受理”，不能执行此操作。", localizer.Localize(exception));
    }

    /// <summary>English keys as their own text, with optional translations.</summary>
    private sealed class EchoLocalizer(Dictionary<string, string>? translations = null) : IStringLocalizer
    {
        public LocalizedString this[string name] =>
            translations is not null && translations.TryGetValue(name, out var value)
                ? new LocalizedString(name, value)
                : new LocalizedString(name, name, resourceNotFound: translations is not null);

        public LocalizedString this[string name, params object[] arguments] =>
            new(name, string.Format(CultureInfo.InvariantCulture, this[name].Value, arguments), this[name].ResourceNotFound);

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }
}
