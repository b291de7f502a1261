using System.Text;
using BreachPortal.Web.Mail;
using MimeKit;

namespace BreachPortal.Tests.Mail;

/// <summary>The message as MimeKit writes it for the relay; what a real parser reads of it is in SmtpEmailSenderTests.</summary>
public sealed class MimeMessageBuilderTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 9, 14, 5, 7, TimeSpan.FromHours(1));

    [Fact]
    public void Build_Headers_DateInUtcMessageIdAutoSubmittedAndTheSendersOfTheSettings()
    {
        var raw = Write(
            new EmailMessage("agent@agence.example", "Test", "Bonjour") { MessageId = "m-1@portail.example" },
            new EmailOptions { From = "Portail des fuites <noreply@portail.example>", ReplyTo = "support@portail.example" });

        var headers = raw[..raw.IndexOf("\r\n\r\n", StringComparison.Ordinal)].Split("\r\n");
        Assert.Contains("Date: Mon, 09 Mar 2026 13:05:07 +0000", headers);
        Assert.Contains("From: Portail des fuites <noreply@portail.example>", headers);
        Assert.Contains("Reply-To: support@portail.example", headers);
        Assert.Contains("To: agent@agence.example", headers);
        Assert.Contains("Subject: Test", headers);
        Assert.Contains("Message-Id: <m-1@portail.example>", headers);
        Assert.Contains("MIME-Version: 1.0", headers);
        Assert.Contains("Auto-Submitted: auto-generated", headers);
        Assert.Contains(headers, h => h.StartsWith("Content-Type: text/plain; charset=utf-8", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("Content-Transfer-Encoding: quoted-printable", headers);
    }

    [Fact]
    public void Build_NoMessageId_GeneratesADifferentOneInTheSenderDomainEachTime()
    {
        var first = Build(new EmailMessage("agent@agence.example", "Test", "Bonjour"));
        var second = Build(new EmailMessage("agent@agence.example", "Test", "Bonjour"));

        Assert.EndsWith("@portail.example", first.MessageId, StringComparison.Ordinal);
        Assert.NotEqual(first.MessageId, second.MessageId);
    }

    [Fact]
    public void Build_TheSameMessageTwice_KeepsTheGivenMessageId()
    {
        var message = new EmailMessage("agent@agence.example", "Test", "Bonjour") { MessageId = "ledger-42@portail.example" };

        Assert.Equal("ledger-42@portail.example", Build(message).MessageId);
        Assert.Equal("ledger-42@portail.example", Build(message).MessageId);
    }

    [Fact]
    public void Build_SubjectWithLineBreaks_StaysOneHeader()
    {
        var raw = Write(new EmailMessage("agent@agence.example", "Hello\r\nBcc: victim@evil.example\nX-Evil: 1", "Body"));

        Assert.DoesNotContain("\r\nBcc:", raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\r\nX-Evil:", raw, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Subject: Hello  Bcc: victim@evil.example X-Evil: 1\r\n", raw, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("agent@agence.example\r\nBcc: victim@evil.example")]
    [InlineData("agent@agence.example>\r\nRCPT TO:<victim@evil.example")]
    [InlineData("Agent <agent@agence.example>")]
    [InlineData("agent @agence.example")]
    [InlineData("agent@agence.example,victim@evil.example")]
    [InlineData("agént@agence.example")]
    [InlineData("agence.example")]
    [InlineData("")]
    public void Build_UnusableRecipient_ThrowsArgumentExceptionThatDoesNotRepeatIt(string address)
    {
        var exception = Assert.Throws<ArgumentException>(() => Build(new EmailMessage(address, "Test", "Body")));

        Assert.DoesNotContain("agent", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("victim", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("agence", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_InternationalisedDomain_UsesPunycode()
    {
        var raw = Write(new EmailMessage("agent@préfecture.example", "Test", "Body"));

        Assert.Contains("\r\nTo: agent@xn--prfecture-c4a.example\r\n", raw, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id@host>\r\nBcc: victim@evil.example")]
    [InlineData("<id@host>")]
    [InlineData("no-at-sign")]
    public void Build_UnusableMessageId_ThrowsArgumentException(string messageId) =>
        Assert.Throws<ArgumentException>(() => Build(new EmailMessage("agent@agence.example", "Test", "Body") { MessageId = messageId }));

    [Theory]
    [InlineData("noreply@portail.example", true)]
    [InlineData("Portail <noreply@portail.example>", true)]
    [InlineData("\"Portail, fuites\" <noreply@portail.example>", true)]
    [InlineData("Portail « fuites de données » <noreply@portail.example>", true)]
    [InlineData("", false)]
    [InlineData("Portail", false)]
    [InlineData("noreply@portail.example, other@portail.example", false)]
    [InlineData("Portail <noreply@portail.example>\r\nBcc: victim@evil.example", false)]
    public void IsValidMailbox_ReadsTheFromSettingWithMimeKitsParser(string value, bool valid) =>
        Assert.Equal(valid, EmailAddresses.IsValidMailbox(value));

    [Fact]
    public void Build_LongSubjectsAndBodies_KeepEveryLineWithinTheLimitsAndUseCrlfOnly()
    {
        var subject = string.Concat(Enumerable.Repeat("Violation de données à caractère personnel — ", 6)) + "日本語 😀";
        var body = string.Concat(Enumerable.Repeat("é", 300)) + "\n" + new string('x', 500) + " \n\tindenté \r\n.\n=";
        var raw = Write(new EmailMessage("agent@agence.example", subject, body) { HtmlBody = "<p>" + body + "</p>" });
        var asciiSubject = Write(new EmailMessage("agent@agence.example", string.Join(' ', Enumerable.Repeat("notification", 20)), "x"));

        foreach (var message in new[] { raw, asciiSubject })
        {
            Assert.DoesNotMatch("[^\r]\n|\r[^\n]", message);
            Assert.All(message.Split("\r\n"), line => Assert.InRange(line.Length, 0, MailLines.Limit(line)));
            Assert.All(message.Split("\r\n"), line => Assert.False(line.Length > 0 && line.Trim().Length == 0, "a header line of whitespace only"));
            Assert.True(message.All(c => c < 128), "7-bit only");
        }
    }

    private static MimeMessage Build(EmailMessage message, EmailOptions? options = null) =>
        new MimeMessageBuilder(options ?? new EmailOptions { From = "noreply@portail.example" }, new FixedTime(Now)).Build(message);

    private static string Write(EmailMessage message, EmailOptions? options = null)
    {
        using var output = new MemoryStream();
        Build(message, options).WriteTo(MimeMessageBuilder.Format, output);
        return Encoding.Latin1.GetString(output.ToArray());
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }
}
