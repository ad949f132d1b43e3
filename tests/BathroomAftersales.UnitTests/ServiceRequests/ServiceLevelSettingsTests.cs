using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.ServiceRequests;

namespace BathroomAftersales.UnitTests.ServiceRequests;

public sealed class ServiceLevelSettingsTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 1, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void New_settings_hold_the_policy_they_were_made_from()
    {
        var settings = new ServiceLevelSettings(ServiceLevelPolicy.Default, Now);

        Assert.Equal(ServiceLevelPolicy.Default, settings.ToPolicy());
        Assert.Equal(ServiceLevelSettings.SingletonId, settings.Id);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(721)]
    public void A_target_outside_1_to_720_hours_is_refused(int hours)
    {
        var settings = new ServiceLevelSettings(ServiceLevelPolicy.Default, Now);

        var refused = Assert.Throws<DomainException>(() =>
            settings.Apply(ServiceLevelPolicy.Default with { RepairCompletionHours = hours }, "manager", Now));

        Assert.Equal("Sla.HoursOutOfRange", refused.Code);
        Assert.Equal(ServiceLevelPolicy.Default, settings.ToPolicy());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(720)]
    public void The_bounds_themselves_are_allowed(int hours)
    {
        var settings = new ServiceLevelSettings(ServiceLevelPolicy.Default, Now);

        settings.Apply(ServiceLevelPolicy.Default with { MaintenanceCompletionHours = hours }, "manager", Now);

        Assert.Equal(hours, settings.MaintenanceCompletionHours);
        Assert.Equal("manager", settings.UpdatedBy);
    }

    [Fact]
    public void An_emergency_response_slower_than_the_normal_one_is_refused()
    {
        var settings = new ServiceLevelSettings(ServiceLevelPolicy.Default, Now);

        var refused = Assert.Throws<DomainException>(() =>
            settings.Apply(ServiceLevelPolicy.Default with { ResponseHours = 4, EmergencyResponseHours = 6 }, "manager", Now));

        Assert.Equal("Sla.EmergencySlower", refused.Code);
    }
}
