using System.Xml.Linq;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Authority;

namespace BreachPortal.Tests.Authority.Art34;

/// <summary>The page builds some keys from values (parts, channels, failure kinds, languages): each must have a text in both languages.</summary>
public sealed class Art34TextsTests
{
    private const string Prefix = "Staff.Authority.Art34.";
    private static readonly string[] Channels = ["Email", "Sms"];
    private static readonly string[] FailureKinds = ["PermanentFailure", "TechnicalFailure"];
    private static readonly string[] Languages = ["fr", "en"];
    private static readonly string[] ChannelRows = ["PeopleWithMessage", "PeopleInformed", "PeopleDelivered", "MessagesWritten", "MessagesHandedToProvider", "MessagesAwaitingReceipt", "MessagesDelivered", "MessagesPermanentFailure", "MessagesTechnicalFailure", "MessagesPending", "MessagesCancelled"];
    private static readonly string[] SummaryRows = ["PeopleToInform", "PeopleUnreachable", "PeopleWithMessage", "PeopleInformed", "PeopleNotInformed", "Campaigns"];

    [Theory]
    [InlineData("SharedResource.resx")]
    [InlineData("SharedResource.en.resx")]
    public void KeysBuiltFromValues_HaveATextInEachLanguage(string file)
    {
        var keys = XDocument.Load(RepositoryRoot.Combine("src", "BreachPortal.Web", "Localization", file))
            .Root!.Elements("data").Select(d => d.Attribute("name")!.Value).ToHashSet(StringComparer.Ordinal);
        var expected = Art34Export.CsvParts.Keys.Select(p => $"{Prefix}Export.Csv.{p}")
            .Concat(Channels.Select(c => $"{Prefix}Channel.{c}"))
            .Concat(FailureKinds.Select(s => $"{Prefix}Failures.{s}"))
            .Concat(Languages.Select(l => $"{Prefix}Language.{l}"))
            .Concat(ChannelRows.SelectMany(r => new[] { $"{Prefix}Channels.{r}", $"{Prefix}Channels.{r}.Hint" }))
            .Concat(SummaryRows.SelectMany(f => new[] { $"{Prefix}Summary.{f}", $"{Prefix}Summary.{f}.Hint" }));

        Assert.All(expected, key => Assert.Contains(key, keys));
    }
}
