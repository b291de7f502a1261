using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Registry.Retention;

namespace BreachPortal.Tests.Registry.Retention;

public sealed class RetentionOptionsTests
{
    [Theory]
    [InlineData(0, "03:30", "Registry:Retention:DaysAfterLastCampaign must be between 1 and 3650 days (it is 0).")]
    [InlineData(3651, "03:30", "Registry:Retention:DaysAfterLastCampaign must be between 1 and 3650 days (it is 3651).")]
    [InlineData(365, "25:00", "Registry:Retention:PurgeTimeOfDay must be a time of day written HH:mm")]
    [InlineData(365, "3h30", "Registry:Retention:PurgeTimeOfDay must be a time of day written HH:mm")]
    [InlineData(365, "", "Registry:Retention:PurgeTimeOfDay must be a time of day written HH:mm")]
    public void Validate_OutOfRangeSetting_FailsNamingIt(int days, string timeOfDay, string failure)
    {
        var result = new RetentionOptionsValidator().Validate(null, new RetentionOptions { DaysAfterLastCampaign = days, PurgeTimeOfDay = timeOfDay });

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith(failure, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1, "00:00")]
    [InlineData(3650, "23:59")]
    [InlineData(365, "3:30")]
    public void Validate_SettingsInRange_Succeed(int days, string timeOfDay)
    {
        var result = new RetentionOptionsValidator().Validate(null, new RetentionOptions { DaysAfterLastCampaign = days, PurgeTimeOfDay = timeOfDay });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Defaults_KeepAYearAndPurgeEveryNightAtHalfPastThree()
    {
        var defaults = new RetentionOptions();

        Assert.Equal((365, true, "03:30"), (defaults.DaysAfterLastCampaign, defaults.DailyPurge, defaults.PurgeTimeOfDay));
        Assert.True(new RetentionOptionsValidator().Validate(null, defaults).Succeeded);
    }

    [Fact]
    public async Task Portal_WithInvalidRetentionSettings_RefusesToStartAndNamesThem()
    {
        var environment = ProductionSettings.AsEnvironment(UnreachableDatabase.ConnectionString);
        environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        environment["Registry__Retention__DaysAfterLastCampaign"] = "0";
        environment["Registry__Retention__PurgeTimeOfDay"] = "half past three";

        var result = await PortalProcess.RunAsync(environment);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("The portal cannot start: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("Registry:Retention:DaysAfterLastCampaign must be between 1 and 3650 days (it is 0).", result.Error, StringComparison.Ordinal);
        Assert.Contains("Registry:Retention:PurgeTimeOfDay must be a time of day written HH:mm, such as 03:30 (Europe/Paris time), not 'half past three'.", result.Error, StringComparison.Ordinal);
    }
}
