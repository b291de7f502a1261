using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Notifications.Templates;

namespace BreachPortal.Tests.Notifications.Templates;

public sealed partial class TemplateTextsTests
{
    private static readonly string Folder = RepositoryRoot.Combine("src", "BreachPortal.Web", "Notifications", "Templates");

    [Fact]
    public void Texts_ExistInBothLanguagesAndAreNeverEmpty()
    {
        var french = Resources("TemplateTexts.resx");
        var english = Resources("TemplateTexts.en.resx");

        Assert.Equal(french.Keys.Order(StringComparer.Ordinal), english.Keys.Order(StringComparer.Ordinal));
        Assert.All(french.Concat(english), entry => Assert.False(string.IsNullOrWhiteSpace(entry.Value), $"{entry.Key} is empty"));
    }

    public static TheoryData<string> Codes =>
        [.. typeof(TemplateProblemCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!)];

    [Theory]
    [MemberData(nameof(Codes))]
    public void EveryProblemCode_HasAFrenchAndAnEnglishMessage(string code)
    {
        var problem = TemplateProblem.Of(code, TemplatePart.Text, null, "A", "B", "C", "D");

        Assert.NotEqual(problem.Message.Fr, problem.Message.En);
        Assert.StartsWith("Texte ", problem.Message.Fr, StringComparison.Ordinal);
        Assert.StartsWith("Text:", problem.Message.En, StringComparison.Ordinal);
        Assert.DoesNotMatch(FormatItem(), problem.Message.Fr);
        Assert.DoesNotMatch(FormatItem(), problem.Message.En);
    }

    [Fact]
    public void EveryRequiredPlaceholder_HasAReasonInBothLanguages()
    {
        var keys = Resources("TemplateTexts.en.resx").Keys.ToHashSet(StringComparer.Ordinal);
        var required = Placeholders.RequiredInEmail.Concat(Placeholders.RequiredInSms).Distinct();

        Assert.All(required, p => Assert.Contains($"Required.{p.Name()}", keys));
    }

    private static Dictionary<string, string> Resources(string file) =>
        XDocument.Load(Path.Combine(Folder, file))
            .Root!.Elements("data")
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value, StringComparer.Ordinal);

    [GeneratedRegex(@"\{\d\}")]
    private static partial Regex FormatItem();
}
