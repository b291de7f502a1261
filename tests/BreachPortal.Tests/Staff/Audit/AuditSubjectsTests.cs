using System.Reflection;
using System.Text.RegularExpressions;
using BreachPortal.Web.Staff.Audit;

namespace BreachPortal.Tests.Staff.Audit;

/// <summary>The subject types are stored in the hashed audit log: each spelling is pinned, and the old ones are still read.</summary>
public sealed partial class AuditSubjectsTests
{
    private static readonly string[] Spellings =
        [.. typeof(AuditSubjects).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!)];

    [Fact]
    public void EverySubjectType_IsStoredAsPinned()
    {
        Assert.Equal(
            ["audit", "campaign", "fake-message-report", "import-batch", "incident", "person", "staff", "template"],
            Spellings.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EverySubjectType_IsLowercaseWithHyphensBetweenWords() =>
        Assert.All(Spellings, spelling => Assert.Matches(KebabCase(), spelling));

    [Fact]
    public void LegacySpellings_EachMapsToACurrentSubjectType_AndNoneIsOne()
    {
        Assert.Equal(["FakeMessageReport", "ImportBatch", "Person"], AuditSubjects.LegacySpellings.Keys.Order(StringComparer.Ordinal));
        Assert.All(AuditSubjects.LegacySpellings, legacy => Assert.Contains(legacy.Value, Spellings));
        Assert.DoesNotContain(AuditSubjects.LegacySpellings.Keys, Spellings.Contains);
    }

    [Theory]
    [InlineData("Person", AuditSubjects.Person)]
    [InlineData("ImportBatch", AuditSubjects.ImportBatch)]
    [InlineData("FakeMessageReport", AuditSubjects.FakeMessageReport)]
    [InlineData(AuditSubjects.Person, AuditSubjects.Person)]
    [InlineData(AuditSubjects.Staff, AuditSubjects.Staff)]
    [InlineData("something-else", "something-else")]
    [InlineData(null, null)]
    public void Current_OfAStoredSpelling_IsTheCurrentOne(string? stored, string? current) =>
        Assert.Equal(current, AuditSubjects.Current(stored));

    [GeneratedRegex("^[a-z]+(-[a-z]+)*$")]
    private static partial Regex KebabCase();
}
