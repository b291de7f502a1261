using System.Text.RegularExpressions;
using System.Xml.Linq;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Incidents;
using BreachPortal.Web.Pages;

namespace BreachPortal.Tests.Localization;

public sealed partial class ResourceParityTests
{
    private static readonly string[] StaffStates = ["Active", "AwaitingEnrolment", "Disabled", "LockedByGuard", "LockedOut"];
    private static readonly string WebProject = RepositoryRoot.Combine("src", "BreachPortal.Web");

    [Fact]
    public void InterfaceTexts_ExistInBothLanguagesAndAreNeverEmpty()
    {
        var french = Resources("SharedResource.resx");
        var english = Resources("SharedResource.en.resx");

        Assert.Equal(french.Keys.Order(StringComparer.Ordinal), english.Keys.Order(StringComparer.Ordinal));
        Assert.All(french.Concat(english), entry => Assert.False(string.IsNullOrWhiteSpace(entry.Value), $"{entry.Key} is empty"));
    }

    [Fact]
    public void EveryKeyUsedInAPage_HasAText()
    {
        var keys = Resources("SharedResource.resx").Keys.ToHashSet(StringComparer.Ordinal);
        var used = Directory.EnumerateFiles(Path.Combine(WebProject, "Pages"), "*.cshtml", SearchOption.AllDirectories)
            .SelectMany(file => LiteralKey().Matches(File.ReadAllText(file)).Select(m => (File: Path.GetFileName(file), Key: m.Groups[1].Value)))
            .ToList();

        Assert.NotEmpty(used);
        Assert.All(used, use => Assert.True(keys.Contains(use.Key), $"{use.File} uses '{use.Key}', which has no text"));
    }

    [Fact]
    public void EveryKeyUsedInCode_HasAText()
    {
        var keys = Resources("SharedResource.resx").Keys.ToHashSet(StringComparer.Ordinal);
        var used = Directory.EnumerateFiles(WebProject, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains("/obj/", StringComparison.Ordinal) && !file.Contains("/bin/", StringComparison.Ordinal))
            .SelectMany(file => CodeKey().Matches(File.ReadAllText(file)).Select(m => (File: Path.GetFileName(file), Key: m.Groups[1].Value)))
            .Where(use => use.Key is not ("Staff.Notice" or "Staff.Nobody"))
            .ToList();

        Assert.NotEmpty(used);
        Assert.All(used, use => Assert.True(keys.Contains(use.Key), $"{use.File} uses '{use.Key}', which has no text"));
    }

    [GeneratedRegex("\"((?:Staff|Identity|Dev)\\.[A-Za-z0-9.]+)\"")]
    private static partial Regex CodeKey();

    [Fact]
    public void EveryEnumShownOnPages_HasATextPerValue()
    {
        var keys = Resources("SharedResource.resx").Keys.ToHashSet(StringComparer.Ordinal);
        var expected = Enum.GetValues<DataCategories>().Where(c => c != DataCategories.None).Select(c => $"DataCategory.{c}")
            .Concat(Enum.GetValues<IncidentStatus>().Select(s => $"Status.{s}"))
            .Concat(Enum.GetValues<NotificationTimeliness>().Select(t => $"Incident.Deadline.{t}"))
            .Concat(Enum.GetValues<NotificationTimeliness>().Select(t => $"Incident.DeadlineBadge.{t}"))
            .Concat(BreachPortal.Web.Staff.StaffRoles.All.SelectMany(r => new[] { $"Staff.Role.{r}", $"Staff.Role.{r}.Description" }))
            .Concat(Enum.GetValues<BreachPortal.Web.Staff.Accounts.InvitationState>().Select(s => $"Staff.Enrol.Refused.{s}"))
            .Concat(StaffStates.Select(s => $"Staff.State.{s}"));

        Assert.All(expected, key => Assert.Contains(key, keys));
    }

    [Fact]
    public void EveryContentPartial_ExistsInFrenchAndEnglish()
    {
        var folder = Path.Combine(WebProject, ContentPartials.Folder.TrimStart('/'));
        var names = Directory.EnumerateFiles(folder, "_*.cshtml").Select(Path.GetFileName).ToList();
        var french = names.Where(n => n!.EndsWith(".fr.cshtml", StringComparison.Ordinal)).Select(n => n![..^".fr.cshtml".Length]).ToList();
        var english = names.Where(n => n!.EndsWith(".en.cshtml", StringComparison.Ordinal)).Select(n => n![..^".en.cshtml".Length]).ToList();

        Assert.NotEmpty(french);
        Assert.Equal(french.Order(StringComparer.Ordinal), english.Order(StringComparer.Ordinal));
        Assert.Equal(names.Count, french.Count + english.Count);
    }

    private static Dictionary<string, string> Resources(string file) =>
        XDocument.Load(Path.Combine(WebProject, "Localization", file))
            .Root!.Elements("data")
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value, StringComparer.Ordinal);

    [GeneratedRegex("""T\["([^"{}$]+)"[\],]""")]
    private static partial Regex LiteralKey();
}
