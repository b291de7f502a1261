using BreachPortal.Web.Incidents;
using BreachPortal.Web.Notifications;
using BreachPortal.Web.Notifications.Templates;
using static BreachPortal.Tests.Notifications.Templates.TemplateTestData;

namespace BreachPortal.Tests.Notifications.Templates;

public sealed class DefaultTemplatesTests
{
    // "Aucune démarche urgente" is reassurance; these are how phishing pressures people.
    private static readonly string[] UrgentWords =
        ["URGENT :", "URGENT:", "ACTION REQUISE", "ACTION REQUIRED", "DERNIER RAPPEL", "FINAL NOTICE", "IMMÉDIATEMENT", "IMMEDIATELY", "SOUS 24", "WITHIN 24", "CLIQUEZ", "CLICK", "!"];

    public static TheoryData<MessageChannel, string> Defaults =>
        [.. DefaultTemplates.All.Select(t => (t.Channel, t.Language))];

    [Fact]
    public void All_CoverEveryChannelAndLanguageOnce() =>
        Assert.Equal(
            [(MessageChannel.Email, "en"), (MessageChannel.Email, "fr"), (MessageChannel.Sms, "en"), (MessageChannel.Sms, "fr")],
            DefaultTemplates.All.Select(t => (t.Channel, t.Language)).Order());

    [Theory]
    [MemberData(nameof(Defaults))]
    public void Default_PassesTheRulesForBothDemoIncidents(MessageChannel channel, string language)
    {
        foreach (var incident in new[] { FranceTravail, PoleEmploi })
        {
            var check = TemplateRules.Check(DefaultTemplates.For(channel, language).ToDraft(incident.Id), incident, PublicUrl);

            Assert.True(check.IsValid, string.Join(" | ", check.Problems.Select(p => p.Message.En)));
        }
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public void DefaultSms_IsGsm7AndTwoSegmentsForATypicalPerson(string language)
    {
        var text = DefaultTemplates.For(MessageChannel.Sms, language).TextBody;
        var template = Compile(MessageChannel.Sms, language, null, text, null);

        Assert.True(SmsSegments.IsGsm7(text));
        foreach (var name in new[] { "Camille", "Jean-Baptiste", "Françoise", "Jérôme" })
        {
            var sms = template.RenderSms(Context(language), new RecipientValues(name, DataCategories.LastName, ReferenceCode));
            Assert.Equal((SmsEncoding.Gsm7, 2), (sms.Encoding, sms.Segments));
        }
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public void DefaultSms_WorstCase_StaysWithinTwoSegmentsForALongPortalAddress(string language)
    {
        var incident = FranceTravail;
        var check = TemplateRules.Check(DefaultTemplates.For(MessageChannel.Sms, language).ToDraft(incident.Id), incident, "https://www.violation-donnees.francetravail.fr");

        Assert.Equal(SmsEncoding.Gsm7, check.WorstCaseSms!.Value.Encoding);
        Assert.True(check.WorstCaseSms.Value.Segments <= 2, $"{check.WorstCaseSms.Value.Units} septets");
    }

    [Theory]
    [MemberData(nameof(Defaults))]
    public void Default_HasNoUrgentWords(MessageChannel channel, string language)
    {
        var template = DefaultTemplates.For(channel, language);
        var words = $"{template.Subject} {template.TextBody}".ToUpperInvariant();

        Assert.All(UrgentWords, word =>
            Assert.DoesNotContain(word, words, StringComparison.Ordinal));
    }
}
