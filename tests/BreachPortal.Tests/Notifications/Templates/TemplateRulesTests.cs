using BreachPortal.Web.Notifications;
using BreachPortal.Web.Notifications.Templates;
using static BreachPortal.Tests.Notifications.Templates.TemplateTestData;

namespace BreachPortal.Tests.Notifications.Templates;

public sealed class TemplateRulesTests
{
    [Fact]
    public void Check_UnknownPlaceholder_IsNamedInFrenchAndEnglish()
    {
        var problem = Single(Check(EmailDraft(text: DefaultText + "\n{{prenom}}")), TemplateProblemCodes.UnknownPlaceholder);

        Assert.Equal(TemplatePart.Text, problem.Part);
        Assert.Equal("{{prenom}}", problem.Detail);
        Assert.Equal("Texte : {{prenom}} n'est pas un champ connu. Champs possibles : " + KnownFields + ".", problem.Message.Fr);
        Assert.Equal("Text: {{prenom}} is not a known field. Known fields: " + KnownFields + ".", problem.Message.En);
    }

    [Theory]
    [InlineData("{{ first_name }}", "{{ first_name }}")]
    [InlineData("{{first_name}", "{{first_name}")]
    [InlineData("{{first-name}}", "{{first-name}}")]
    [InlineData("{{}}", "{{}}")]
    [InlineData("{{{first_name}}}", "{{{first_name}}")]
    [InlineData("fin}} du texte", "fin}}")]
    public void Check_MalformedBraces_AreRefusedNotTrimmed(string written, string excerpt)
    {
        var problem = Single(Check(EmailDraft(text: DefaultText + "\n" + written)), TemplateProblemCodes.MalformedPlaceholder);

        Assert.Equal(excerpt, problem.Detail);
        Assert.Contains($"« {excerpt} » est mal écrit", problem.Message.Fr, StringComparison.Ordinal);
        Assert.Contains($"“{excerpt}” is not well formed", problem.Message.En, StringComparison.Ordinal);
        Assert.Contains("{{first_name}}", problem.Message.En, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("FirstName")]
    [InlineData("reference_CODE")]
    public void Check_PlaceholderInWrongCase_IsUnknown(string name) =>
        Assert.Contains(Check(EmailDraft(text: DefaultText + "{{" + name + "}}")).Problems, p => p.Code == TemplateProblemCodes.UnknownPlaceholder);

    public static TheoryData<Placeholder> EmailRequired => [.. Placeholders.RequiredInEmail];

    [Theory]
    [MemberData(nameof(EmailRequired))]
    public void Check_EmailWithoutAnArt34Element_IsRefusedInTextAndHtml(Placeholder required)
    {
        var draft = EmailDraft(text: DefaultText.Replace(required.Token(), "", StringComparison.Ordinal), html: DefaultHtml.Replace(required.Token(), "", StringComparison.Ordinal));

        var problems = Check(draft).Problems.Where(p => p.Code == TemplateProblemCodes.MissingPlaceholder).ToList();

        Assert.Equal([TemplatePart.Text, TemplatePart.Html], problems.Select(p => p.Part));
        Assert.All(problems, p => Assert.Equal(required.Token(), p.Detail));
        Assert.StartsWith($"Texte : le champ {required.Token()} est obligatoire, car ", problems[0].Message.Fr, StringComparison.Ordinal);
        Assert.StartsWith($"HTML version: the field {required.Token()} is required because ", problems[1].Message.En, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_EmailWithoutDpoContact_SaysArticle34RequiresIt()
    {
        var problem = Single(Check(EmailDraft(text: DefaultText.Replace("{{dpo_contact}}", "", StringComparison.Ordinal))), TemplateProblemCodes.MissingPlaceholder);

        Assert.Equal(
            "Texte : le champ {{dpo_contact}} est obligatoire, car l'article 34 du RGPD impose d'indiquer le contact du délégué à la protection des données.",
            problem.Message.Fr);
        Assert.Equal(
            "Text: the field {{dpo_contact}} is required because GDPR Art. 34 requires the data protection officer's contact details.",
            problem.Message.En);
    }

    [Theory]
    [InlineData("{{incident_reference}}")]
    [InlineData("{{reference_code}}")]
    [InlineData("{{portal_address}}")]
    public void Check_SmsWithoutARequiredPlaceholder_IsRefused(string token)
    {
        var problem = Single(Check(SmsDraft("Bonjour. Incident {{incident_reference}}. Tapez {{portal_address}}. Code {{reference_code}}".Replace(token, "", StringComparison.Ordinal))), TemplateProblemCodes.MissingPlaceholder);

        Assert.Equal(token, problem.Detail);
    }

    [Fact]
    public void Check_SmsWithoutTheArt34Elements_IsAccepted() =>
        Assert.True(Check(SmsDraft("Incident {{incident_reference}} : tapez {{portal_address}}. Code {{reference_code}}")).IsValid);

    [Theory]
    [InlineData("Allez sur http://example.org maintenant", "http://example.org")]
    [InlineData("Allez sur https://violation.example.fr", "https://violation.example.fr")]
    [InlineData("Allez sur HTTPS://Example.COM/login.", "HTTPS://Example.COM/login")]
    [InlineData("Allez sur www.example.com", "www.example.com")]
    [InlineData("Allez sur www.violation.example.fr", "www.violation.example.fr")]
    [InlineData("Allez sur www.anything", "www.anything")]
    [InlineData("Allez sur example.com/login", "example.com/login")]
    [InlineData("Vérifiez sur secure-france-travail.fr.", "secure-france-travail.fr")]
    [InlineData("Remboursement : ameli-remboursement.com", "ameli-remboursement.com")]
    [InlineData("Voir francetravail.fr/espace", "francetravail.fr/espace")]
    [InlineData("Portail: france-travail.gouv.fr", "france-travail.gouv.fr")]
    [InlineData("Support : aide.example.info:8443/x", "aide.example.info:8443/x")]
    [InlineData("fin.De plus", "fin.De")]
    public void Check_WebAddressOtherThanThePortal_IsRefused(string sentence, string address)
    {
        var problem = Single(Check(EmailDraft(text: DefaultText + "\n" + sentence)), TemplateProblemCodes.WebAddress);

        Assert.Equal(address, problem.Detail);
        Assert.Equal($"Texte : « {address} » ressemble à une adresse web. Les messages ne contiennent ni lien ni autre adresse que celle du portail, écrite {{{{portal_address}}}}.", problem.Message.Fr);
        Assert.Contains("looks like a web address", problem.Message.En, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Le portail : violation.example.fr, page /verify.")]
    [InlineData("Tapez VIOLATION.example.fr/verify")]
    [InlineData("Tapez {{portal_address}}/verify")]
    [InlineData("M. Dupont, Mme. Martin, etc.")]
    [InlineData("Version 2.5 du 3.10.2024, taux 1.5%")]
    [InlineData("Le fichier avis.pdf, le document note.docx")]
    [InlineData("Écrivez à dpo@example.fr ou à jean.dupont@example.com")]
    [InlineData("Référence FT-2024-03. Code K7M3-Q9PX-4TRW.")]
    [InlineData("Signé : France Travail.Merci")]
    public void Check_TextWithoutForeignAddress_HasNoWebAddressProblem(string sentence) =>
        Assert.DoesNotContain(Check(EmailDraft(text: DefaultText + "\n" + sentence)).Problems, p => p.Code == TemplateProblemCodes.WebAddress);

    [Fact]
    public void Check_WebAddressInSubjectAndHtml_IsRefusedThere()
    {
        var problems = Check(EmailDraft(subject: "Voir www.example.com", html: DefaultHtml.Replace("<p>Bonjour", "<p>example.net Bonjour", StringComparison.Ordinal))).Problems
            .Where(p => p.Code == TemplateProblemCodes.WebAddress).ToList();

        Assert.Equal([(TemplatePart.Subject, "www.example.com"), (TemplatePart.Html, "example.net")], problems.Select(p => (p.Part, p.Detail)));
    }

    [Theory]
    [InlineData("<a href=\"x\">ici</a>", "<a")]
    [InlineData("<A HREF='x'>ici</A>", "<A")]
    [InlineData("<img alt=\"\">", "<img")]
    [InlineData("<script>alert(1)</script>", "<script")]
    [InlineData("<iframe></iframe>", "<iframe")]
    [InlineData("<form><p>x</p></form>", "<form")]
    [InlineData("<svg></svg>", "<svg")]
    [InlineData("<p onclick=\"x()\">x</p>", "onclick=")]
    [InlineData("<p\nONMOUSEOVER = 'x'>x</p>", "ONMOUSEOVER=")]
    [InlineData("<div style=\"background: url(x.png)\">x</div>", "url(")]
    [InlineData("<p>javascript:alert(1)</p>", "javascript:")]
    [InlineData("<div background=\"x.png\">x</div>", "background=")]
    [InlineData("<meta http-equiv=\"refresh\" content=\"0\">", "http-equiv=")]
    [InlineData("<p style='x' data-x=\"y\" title=\"data:text/html,x\">x</p>", "data:")]
    public void Check_HtmlThatLinksLoadsOrRuns_IsRefused(string markup, string construct)
    {
        var check = Check(EmailDraft(html: DefaultHtml.Replace("</div>\n</body>", markup + "</div>\n</body>", StringComparison.Ordinal)));

        Assert.All(check.Problems, p => Assert.Equal((TemplateProblemCodes.ForbiddenHtml, TemplatePart.Html), (p.Code, p.Part)));
        var problem = Assert.Single(check.Problems, p => p.Detail == construct);
        Assert.Equal($"Version HTML : « {construct} » n'est pas autorisé : ni lien, ni image, ni script, ni formulaire, ni contenu chargé d'ailleurs.", problem.Message.Fr);
    }

    [Theory]
    [InlineData("<abbr title=\"Commission\">CNIL</abbr>")]
    [InlineData("<address>x</address><article>y</article>")]
    [InlineData("<p style=\"color: #161616\"><b>x</b> <em>y</em></p>")]
    [InlineData("<table><tr><td>x</td></tr></table>")]
    [InlineData("<p>Les données : nom, prénom. Une réunion on = off.</p>")]
    public void Check_PlainMarkup_IsAccepted(string markup) =>
        Assert.True(Check(EmailDraft(html: DefaultHtml.Replace("</div>\n</body>", markup + "</div>\n</body>", StringComparison.Ordinal))).IsValid);

    [Theory]
    [InlineData("<p title=\"{{first_name}}\">x</p>")]
    [InlineData("<p class={{first_name}}>x</p>")]
    [InlineData("<style>p { color: red; } /* {{first_name}} */</style>")]
    public void Check_PlaceholderInsideATagOrStyle_IsRefused(string markup)
    {
        var problem = Single(Check(EmailDraft(html: DefaultHtml.Replace("</div>\n</body>", markup + "</div>\n</body>", StringComparison.Ordinal))), TemplateProblemCodes.PlaceholderInMarkup);

        Assert.Equal("{{first_name}}", problem.Detail);
    }

    [Fact]
    public void Check_EmailWithoutSubjectOrHtml_IsRefused()
    {
        var problems = Check(EmailDraft() with { Subject = "  ", HtmlBody = null }).Problems;

        Assert.Contains(problems, p => p is { Code: TemplateProblemCodes.Required, Part: TemplatePart.Subject });
        Assert.Contains(problems, p => p is { Code: TemplateProblemCodes.Required, Part: TemplatePart.Html });
        Assert.Contains(problems, p => p.Message.Fr == "Objet : à remplir." && p.Message.En == "Subject: required.");
    }

    [Fact]
    public void Check_SubjectLongerThan200_IsRefused()
    {
        var problem = Single(Check(EmailDraft(subject: new string('x', 201))), TemplateProblemCodes.TooLong);

        Assert.Equal(TemplatePart.Subject, problem.Part);
        Assert.Equal("Objet : 200 caractères au plus (201 ici).", problem.Message.Fr);
        Assert.Equal("Subject: at most 200 characters (201 here).", problem.Message.En);
    }

    [Theory]
    [InlineData("Incident\nBcc: x")]
    [InlineData("Incident\r\nBcc: x")]
    [InlineData("Incident\rBcc: x")]
    public void Check_SubjectOnTwoLines_IsRefused(string subject) =>
        Assert.Equal(TemplatePart.Subject, Single(Check(EmailDraft(subject: subject)), TemplateProblemCodes.LineBreak).Part);

    [Theory]
    [InlineData("\u202E")]
    [InlineData("\u0007")]
    [InlineData("\u2066")]
    [InlineData("\u009B")]
    public void Check_InvisibleControlCharacter_IsRefused(string control)
    {
        var problem = Single(Check(EmailDraft(text: DefaultText + control)), TemplateProblemCodes.ControlCharacter);

        Assert.Equal($"U+{(int)control[0]:X4}", problem.Detail);
    }

    [Fact]
    public void Check_EmptyText_IsRefused() =>
        Assert.Contains(Check(EmailDraft(text: "  \n ")).Problems, p => p is { Code: TemplateProblemCodes.Required, Part: TemplatePart.Text });

    [Fact]
    public void Check_SmsWithSubjectOrHtml_IsRefused()
    {
        var problems = Check(SmsDraft(DefaultSms) with { Subject = "Objet", HtmlBody = "<p>x</p>" }).Problems;

        Assert.Equal([TemplatePart.Subject, TemplatePart.Html], problems.Where(p => p.Code == TemplateProblemCodes.NotForSms).Select(p => p.Part));
    }

    [Theory]
    [InlineData("de")]
    [InlineData("FR")]
    [InlineData("fr-FR")]
    [InlineData("")]
    public void Check_LanguageOtherThanFrOrEn_IsRefused(string language)
    {
        var problem = Single(Check(EmailDraft() with { Language = language }), TemplateProblemCodes.UnsupportedLanguage);

        Assert.Equal(language, problem.Detail);
        Assert.Equal($"Langue : « {language} » n'est pas proposée ; fr ou en.", problem.Message.Fr);
    }

    [Fact]
    public void Check_UnknownChannel_IsRefused() =>
        Assert.Equal(TemplateProblemCodes.UnsupportedChannel, Assert.Single(Check(EmailDraft() with { Channel = (MessageChannel)9 }).Problems).Code);

    [Fact]
    public void Check_SmsOverThreeSegmentsAtWorst_IsRefusedWithTheCount()
    {
        var check = Check(SmsDraft(DefaultSms + " " + new string('x', 200)));

        var problem = Single(check, TemplateProblemCodes.SmsTooManySegments);
        Assert.Equal(4, check.WorstCaseSms!.Value.Segments);
        Assert.Equal("4", problem.Detail);
        Assert.Equal("Texte : au pire (prénom long, toutes les données de l'incident), ce SMS ferait 4 segments en GSM-7 ; 3 au plus.", problem.Message.Fr);
        Assert.Equal("Text: at worst (long first name, all the incident's data) this text message would take 4 segments in GSM-7; at most 3.", problem.Message.En);
    }

    [Fact]
    public void Check_SmsUsingAnIncidentText_CountsTheIncidentTextInTheWorstCase()
    {
        var check = Check(SmsDraft(DefaultSms + " {{what_happened}}"));

        Assert.Contains(check.Problems, p => p.Code == TemplateProblemCodes.SmsTooManySegments);
        Assert.True(check.WorstCaseSms!.Value.Units > 400);
    }

    [Fact]
    public void Check_SmsWithALetterOutsideGsm7_ReportsUcs2AndTheLetter()
    {
        var check = Check(SmsDraft("Ça a été exposé : {{incident_reference}}, tapez {{portal_address}}, code {{reference_code}}. Où ? Là."));

        Assert.True(check.IsValid);
        Assert.Equal(SmsEncoding.Gsm7, check.WorstCaseSms!.Value.Encoding);
        var ucs2 = Check(SmsDraft("Reçu : {{incident_reference}}, tapez {{portal_address}}, code {{reference_code}}")).WorstCaseSms!.Value;
        Assert.Equal(SmsEncoding.Ucs2, ucs2.Encoding);
        Assert.Equal("ç", ucs2.FirstNonGsm7);
    }

    [Fact]
    public void Check_SmsTextOver1000Characters_IsRefused() =>
        Assert.Contains(Check(SmsDraft(DefaultSms + new string('x', 1000))).Problems, p => p is { Code: TemplateProblemCodes.TooLong, Part: TemplatePart.Text });

    [Fact]
    public void Check_CrLfFromABrowser_IsCheckedAsLf() =>
        Assert.True(Check(EmailDraft(text: DefaultText.ReplaceLineEndings("\r\n"))).IsValid);

    private static string KnownFields => string.Join(", ", Placeholders.All.Select(p => p.Token()));

    private static string DefaultText => DefaultTemplates.For(MessageChannel.Email, "fr").TextBody;

    private static string DefaultHtml => DefaultTemplates.For(MessageChannel.Email, "fr").HtmlBody!;

    private static string DefaultSms => DefaultTemplates.For(MessageChannel.Sms, "fr").TextBody;

    private static TemplateProblem Single(TemplateCheck check, string code)
    {
        Assert.False(check.IsValid);
        return Assert.Single(check.Problems, p => p.Code == code);
    }
}
