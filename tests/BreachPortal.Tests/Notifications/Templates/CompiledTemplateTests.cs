using BreachPortal.Web.Incidents;
using BreachPortal.Web.Notifications;
using BreachPortal.Web.Notifications.Templates;
using static BreachPortal.Tests.Notifications.Templates.TemplateTestData;

namespace BreachPortal.Tests.Notifications.Templates;

public sealed class CompiledTemplateTests
{
    private const DataCategories NameAndNir = DataCategories.LastName | DataCategories.FirstName | DataCategories.SocialSecurityNumber;

    [Fact]
    public void RenderEmail_EveryPlaceholder_IsReplacedInEveryPart()
    {
        var template = Compile(MessageChannel.Email, "fr", AllPlaceholders, AllPlaceholders, AllPlaceholders);

        var email = template.RenderEmail(Context(), new RecipientValues("Camille", NameAndNir, ReferenceCode));

        foreach (var part in new[] { email.Subject, email.TextBody, email.HtmlBody })
        {
            Assert.DoesNotContain("{{", part, StringComparison.Ordinal);
            Assert.DoesNotContain("}}", part, StringComparison.Ordinal);
            Assert.DoesNotContain("[]", part, StringComparison.Ordinal);
            Assert.Contains("[Camille][FT-2024-03][6 février 2024][votre nom, votre prénom et votre numéro de sécurité sociale][K7M3-Q9PX-4TRW][violation.example.fr][", part, StringComparison.Ordinal);
        }

        Assert.Contains("[Délégué à la protection des données\nFrance Travail\n1 avenue du Docteur Gley\n75987 Paris Cedex 20]", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("[Délégué à la protection des données<br>France Travail<br>1 avenue du Docteur Gley<br>75987 Paris Cedex 20]", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("[Délégué à la protection des données, France Travail, 1 avenue du Docteur Gley, 75987 Paris Cedex 20]", email.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderEmail_DefaultTemplates_LeaveNoBraceInAnyLanguage()
    {
        foreach (var language in TemplateLanguages.All)
        {
            var defaults = DefaultTemplates.For(MessageChannel.Email, language);
            var template = Compile(MessageChannel.Email, language, defaults.Subject, defaults.TextBody, defaults.HtmlBody);

            var email = template.RenderEmail(Context(language), new RecipientValues("Camille", NameAndNir, ReferenceCode));

            Assert.All(new[] { email.Subject, email.TextBody, email.HtmlBody }, part => Assert.DoesNotContain("{{", part, StringComparison.Ordinal));
            Assert.Contains(ReferenceCode, email.TextBody, StringComparison.Ordinal);
            Assert.Contains(TypedPortalAddress, email.HtmlBody, StringComparison.Ordinal);
            Assert.DoesNotContain("https://", email.TextBody + email.HtmlBody, StringComparison.Ordinal);
            Assert.DoesNotContain("<a", email.HtmlBody, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;")]
    [InlineData("Zoé & Léa", "Zoé &amp; Léa")]
    [InlineData("O'Brien \"Jo\"", "O&#39;Brien &quot;Jo&quot;")]
    public void RenderEmail_FirstName_IsHtmlEncodedInHtmlOnly(string firstName, string encoded)
    {
        var template = Compile(MessageChannel.Email, "fr", "Bonjour {{first_name}}", "Bonjour {{first_name}},", "<p>Bonjour {{first_name}},</p>");

        var email = template.RenderEmail(Context(), new RecipientValues(firstName, NameAndNir, ReferenceCode));

        Assert.Equal($"<p>Bonjour {encoded},</p>", email.HtmlBody);
        Assert.Equal($"Bonjour {firstName},", email.TextBody);
        Assert.Equal($"Bonjour {firstName}", email.Subject);
    }

    [Fact]
    public void RenderEmail_IncidentTexts_AreHtmlEncodedWithLineBreaks()
    {
        var template = Compile(MessageChannel.Email, "en", "x", "{{likely_consequences}}", "<p>{{likely_consequences}}</p><p>{{what_happened}}</p>");
        var incident = FranceTravail;
        incident.LikelyConsequences = new("x", "Phishing <b>by</b> email & SMS.\r\n\r\nIdentity theft.");
        incident.Summary = new("x", "Attackers got in.\nThey left.");

        var email = template.RenderEmail(Context("en", incident), new RecipientValues("Camille", NameAndNir, ReferenceCode));

        Assert.Equal("<p>• Phishing &lt;b&gt;by&lt;/b&gt; email &amp; SMS.<br>• Identity theft.</p><p>Attackers got in.<br>They left.</p>", email.HtmlBody);
        Assert.Equal("- Phishing <b>by</b> email & SMS.\n- Identity theft.", email.TextBody);
    }

    [Theory]
    [InlineData("Camille\r\nBcc: victim@example.org")]
    [InlineData("Camille\nBcc: victim@example.org")]
    [InlineData("Camille\u0085Bcc: victim@example.org")]
    [InlineData("Camille\u2028Bcc: victim@example.org")]
    public void RenderEmail_Subject_NeverHoldsALineBreakOrControlCharacter(string firstName)
    {
        var template = Compile(MessageChannel.Email, "fr", "{{first_name}} : {{what_happened}} {{measures}} {{dpo_contact}}", "x", "x");

        var subject = template.RenderEmail(Context(), new RecipientValues(firstName, NameAndNir, ReferenceCode)).Subject;

        Assert.DoesNotContain(subject, c => c < ' ' || c is '\u0085' or '\u2028' or '\u2029');
        Assert.StartsWith("Camille Bcc: victim@example.org : Entre le 6 février", subject, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderEmail_FirstNameWithBidiOverride_LosesTheOverride()
    {
        var template = Compile(MessageChannel.Email, "fr", "x", "Bonjour {{first_name}}", "x");

        var text = template.RenderEmail(Context(), new RecipientValues("Ca\u202Emille", NameAndNir, ReferenceCode)).TextBody;

        Assert.Equal("Bonjour Camille", text);
    }

    [Theory]
    [InlineData("fr", "")]
    [InlineData("fr", "  \t ")]
    [InlineData("en", "")]
    public void RenderEmail_EmptyFirstName_GreetsPolitely(string language, string firstName)
    {
        var template = Compile(MessageChannel.Email, language, "x", "Bonjour {{first_name}},", "<p>{{first_name}}</p>");

        var email = template.RenderEmail(Context(language), new RecipientValues(firstName, NameAndNir, ReferenceCode));

        Assert.Equal(language == "fr" ? "Bonjour Madame, Monsieur," : "Bonjour Sir or Madam,", email.TextBody);
    }

    public static TheoryData<string, DataCategories, string> ExposedData => new()
    {
        { "fr", NameAndNir, "votre nom, votre prénom et votre numéro de sécurité sociale" },
        { "en", NameAndNir, "your last name, your first name and your social security number" },
        { "fr", DataCategories.Email, "votre adresse électronique" },
        { "en", DataCategories.Phone | DataCategories.BankDetails, "your phone number and your bank details" },
        { "fr", DataCategories.JobSeekerStatus | DataCategories.RegistrationDates, "votre statut de demandeur d'emploi et vos dates d'inscription" },
        { "fr", DataCategories.None, "des données personnelles vous concernant" },
        { "en", DataCategories.None, "personal data about you" },
    };

    [Theory]
    [MemberData(nameof(ExposedData))]
    public void RenderEmail_ExposedData_IsThePersonsCategoriesInWords(string language, DataCategories categories, string words)
    {
        var template = Compile(MessageChannel.Email, language, "x", "{{exposed_data}}", "{{exposed_data}}");

        var email = template.RenderEmail(Context(language), new RecipientValues("Camille", categories, ReferenceCode));

        Assert.Equal(words, email.TextBody);
        Assert.Equal(words.Replace("'", "&#39;", StringComparison.Ordinal), email.HtmlBody);
    }

    [Fact]
    public void RenderEmail_EveryCategory_HasWordsInBothLanguages()
    {
        foreach (var category in Enum.GetValues<DataCategories>().Where(c => c != DataCategories.None))
        {
            var fr = Compile(MessageChannel.Email, "fr", "x", "{{exposed_data}}", "x").RenderEmail(Context("fr"), new RecipientValues("C", category, ReferenceCode)).TextBody;
            var en = Compile(MessageChannel.Email, "en", "x", "{{exposed_data}}", "x").RenderEmail(Context("en"), new RecipientValues("C", category, ReferenceCode)).TextBody;

            Assert.StartsWith("vo", fr, StringComparison.Ordinal);
            Assert.StartsWith("your ", en, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("fr", "6 février 2024")]
    [InlineData("en", "6 February 2024")]
    public void RenderEmail_IncidentDate_IsTheStartInTheLanguage(string language, string date)
    {
        var template = Compile(MessageChannel.Email, language, "x", "{{incident_date}}", "x");

        Assert.Equal(date, template.RenderEmail(Context(language), new RecipientValues("C", NameAndNir, ReferenceCode)).TextBody);
    }

    [Theory]
    [InlineData("fr", DatePrecision.Month, "août 2023")]
    [InlineData("en", DatePrecision.Month, "August 2023")]
    [InlineData("fr", DatePrecision.Year, "2023")]
    [InlineData("fr", DatePrecision.Unknown, "non publiée")]
    [InlineData("en", DatePrecision.Unknown, "not published")]
    public void RenderEmail_IncidentDate_KeepsItsPrecision(string language, DatePrecision precision, string date)
    {
        var incident = PoleEmploi;
        incident.Started = precision switch
        {
            DatePrecision.Month => IncidentDate.Month(2023, 8),
            DatePrecision.Year => IncidentDate.Year(2023),
            _ => IncidentDate.Unknown,
        };
        var template = Compile(MessageChannel.Email, language, "x", "{{incident_date}}", "x");

        Assert.Equal(date, template.RenderEmail(Context(language, incident), new RecipientValues("C", NameAndNir, ReferenceCode)).TextBody);
    }

    [Fact]
    public void RenderEmail_WhatToDo_NamesTheVerifyPageAndTheOfficialHelp()
    {
        var fr = Context("fr").TextOf(Placeholder.WhatToDo);
        var en = Context("en").TextOf(Placeholder.WhatToDo);

        Assert.Contains("violation.example.fr/verify", fr, StringComparison.Ordinal);
        Assert.Contains("violation.example.fr/en/verify", en, StringComparison.Ordinal);
        foreach (var text in new[] { fr, en })
        {
            Assert.Contains("33700", text, StringComparison.Ordinal);
            Assert.Contains("17cyber.gouv.fr", text, StringComparison.Ordinal);
            Assert.Contains("cybermalveillance.gouv.fr", text, StringComparison.Ordinal);
            Assert.DoesNotContain("http", text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("https://violation.example.fr", "violation.example.fr")]
    [InlineData("https://violation.example.fr/", "violation.example.fr")]
    [InlineData("HTTPS://Violation.Example.FR/portail/", "violation.example.fr/portail")]
    [InlineData("http://localhost:5080", "localhost:5080")]
    [InlineData("www.example.gouv.fr", "www.example.gouv.fr")]
    [InlineData(" www.example.gouv.fr/ ", "www.example.gouv.fr")]
    public void PortalAddress_IsWrittenAsPeopleTypeIt(string publicUrl, string typed) =>
        Assert.Equal(typed, PortalAddress.ForPeople(publicUrl));

    [Theory]
    [InlineData("")]
    [InlineData("https://")]
    [InlineData("portail example fr")]
    public void PortalAddress_NotAnAddress_IsRefused(string publicUrl) =>
        Assert.Throws<ArgumentException>(() => PortalAddress.ForPeople(publicUrl));

    [Fact]
    public void RenderSms_DefaultFrench_IsGsm7WithAFoldedFirstName()
    {
        var defaults = DefaultTemplates.For(MessageChannel.Sms, "fr");
        var template = Compile(MessageChannel.Sms, "fr", null, defaults.TextBody, null);

        var sms = template.RenderSms(Context(), new RecipientValues("François", NameAndNir, ReferenceCode));

        Assert.StartsWith("Bonjour Francois, des données vous concernant ont été exposées (incident FT-2024-03).", sms.Text, StringComparison.Ordinal);
        Assert.EndsWith("Code de vérification : K7M3-Q9PX-4TRW", sms.Text, StringComparison.Ordinal);
        Assert.Equal(SmsEncoding.Gsm7, sms.Encoding);
        Assert.Equal(2, sms.Segments);
    }

    [Fact]
    public void RenderSms_NameInAnotherScript_IsKeptAndSentInUcs2()
    {
        var template = Compile(MessageChannel.Sms, "fr", null, "Bonjour {{first_name}}", null);

        var sms = template.RenderSms(Context(), new RecipientValues("Иван", NameAndNir, ReferenceCode));

        Assert.Equal(("Bonjour Иван", SmsEncoding.Ucs2, 1), (sms.Text, sms.Encoding, sms.Segments));
    }

    [Fact]
    public void Render_WrongChannelLanguageOrIncident_Throws()
    {
        var email = Compile(MessageChannel.Email, "fr", "x", "x", "x");
        var sms = Compile(MessageChannel.Sms, "fr", null, "x", null);
        var recipient = new RecipientValues("C", NameAndNir, ReferenceCode);
        var stored = CompiledTemplate.Compile(new MessageTemplate { IncidentId = 42, Channel = MessageChannel.Sms, Language = "fr", TextBody = "x" });

        Assert.Throws<InvalidOperationException>(() => email.RenderSms(Context(), recipient));
        Assert.Throws<InvalidOperationException>(() => sms.RenderEmail(Context(), recipient));
        Assert.Throws<InvalidOperationException>(() => email.RenderEmail(Context("en"), recipient));
        Assert.Throws<InvalidOperationException>(() => stored.RenderSms(Context(), recipient));
    }

    [Theory]
    [InlineData("Bonjour {{prenom}}")]
    [InlineData("Bonjour {{ first_name }}")]
    public void Compile_TemplateThatWouldNotPassTheRules_Throws(string text) =>
        Assert.Throws<InvalidOperationException>(() => Compile(MessageChannel.Sms, "fr", null, text, null));

    [Fact]
    public void Context_UnsupportedLanguage_Throws() =>
        Assert.Throws<ArgumentException>(() => IncidentMessageContext.Create(FranceTravail, "de", PublicUrl));

    [Fact]
    public void Render_ManyPeopleInParallel_GivesEachTheirOwnValues()
    {
        var template = Compile(MessageChannel.Email, "fr", "{{reference_code}}", "{{first_name}}/{{reference_code}}", "{{first_name}}");
        var context = Context();

        Parallel.For(0, 10_000, i =>
        {
            var email = template.RenderEmail(context, new RecipientValues($"P{i}", (DataCategories)(1L << (i % 15)), $"CODE-{i}"));
            Assert.Equal($"P{i}/CODE-{i}", email.TextBody);
        });
    }
}
