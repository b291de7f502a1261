using System.Buffers;
using System.Text;
using BreachPortal.Web.Mail;

namespace BreachPortal.Tests.Mail;

public sealed class MimeMessageWriterTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 9, 14, 5, 7, TimeSpan.FromHours(1));

    [Fact]
    public void Write_Headers_DateInUtcMessageIdAutoSubmittedAndFixedSenderHeaders()
    {
        var raw = Write(
            new EmailMessage("agent@agence.example", "Test", "Bonjour") { MessageId = "m-1@portail.example" },
            new EmailOptions { From = "Portail des fuites <noreply@portail.example>", ReplyTo = "support@portail.example" });

        var headers = raw[..raw.IndexOf("\r\n\r\n", StringComparison.Ordinal)].Split("\r\n");
        Assert.Equal(
            [
                "Date: Mon, 09 Mar 2026 13:05:07 +0000",
                "From: \"Portail des fuites\" <noreply@portail.example>",
                "Reply-To: support@portail.example",
                "To: agent@agence.example",
                "Subject: Test",
                "Message-ID: <m-1@portail.example>",
                "MIME-Version: 1.0",
                "Auto-Submitted: auto-generated",
                "Content-Type: text/plain; charset=utf-8",
                "Content-Transfer-Encoding: quoted-printable",
            ],
            headers);
    }

    [Fact]
    public void Write_NoMessageId_GeneratesOneInTheSenderDomain()
    {
        var first = Write(new EmailMessage("agent@agence.example", "Test", "Bonjour"));
        var second = Write(new EmailMessage("agent@agence.example", "Test", "Bonjour"));

        var id = Assert.Single(first.Split("\r\n"), l => l.StartsWith("Message-ID:", StringComparison.Ordinal));
        Assert.Matches("^Message-ID: <[0-9a-f]{32}@portail\\.example>$", id);
        Assert.DoesNotContain(id, second, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_SubjectWithLineBreaks_StaysOneHeader()
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
    public void Write_UnusableRecipient_ThrowsArgumentExceptionThatDoesNotRepeatIt(string address)
    {
        var exception = Assert.Throws<ArgumentException>(() => Write(new EmailMessage(address, "Test", "Body")));

        Assert.DoesNotContain("agent", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("victim", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("agence", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_InternationalisedDomain_UsesPunycode()
    {
        var raw = Write(new EmailMessage("agent@préfecture.example", "Test", "Body"));

        Assert.Contains("\r\nTo: agent@xn--prfecture-c4a.example\r\n", raw, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id@host>\r\nBcc: victim@evil.example")]
    [InlineData("<id@host>")]
    [InlineData("no-at-sign")]
    public void Write_UnusableMessageId_ThrowsArgumentException(string messageId) =>
        Assert.Throws<ArgumentException>(() => Write(new EmailMessage("agent@agence.example", "Test", "Body") { MessageId = messageId }));

    [Fact]
    public void Write_LongSubjectsAndBodies_KeepEveryLineWithinTheLimitsAndUseCrlfOnly()
    {
        var subject = string.Concat(Enumerable.Repeat("Violation de données à caractère personnel — ", 6)) + "日本語 😀";
        var body = string.Concat(Enumerable.Repeat("é", 300)) + "\n" + new string('x', 500) + " \n\tindenté \r\n.\n=";
        var raw = Write(new EmailMessage("agent@agence.example", subject, body) { HtmlBody = "<p>" + body + "</p>" });
        var asciiSubject = Write(new EmailMessage("agent@agence.example", string.Join(' ', Enumerable.Repeat("notification", 20)), "x"));

        foreach (var message in new[] { raw, asciiSubject })
        {
            Assert.DoesNotMatch("[^\r]\n|\r[^\n]", message);
            Assert.All(message.Split("\r\n"), line => Assert.InRange(line.Length, 0, 78));
            Assert.All(message.Split("\r\n"), line => Assert.False(line.Length > 0 && line.Trim().Length == 0, "a header line of whitespace only"));
            Assert.True(message.All(c => c < 128), "7-bit only");
        }
    }

    private static string Write(EmailMessage message, EmailOptions? options = null)
    {
        var writer = new MimeMessageWriter(options ?? new EmailOptions { From = "noreply@portail.example" }, new FixedTime(Now));
        var output = new ArrayBufferWriter<byte>();
        writer.Write(message, output);
        return Encoding.Latin1.GetString(output.WrittenSpan);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }
}
