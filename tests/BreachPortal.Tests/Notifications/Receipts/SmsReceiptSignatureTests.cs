using System.Text;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Notifications.Receipts;

namespace BreachPortal.Tests.Notifications.Receipts;

public sealed class SmsReceiptSignatureTests
{
    private const string ReadmeBody = """{"id": "gw-1234", "reference": "K7QM-2XRD-9FJB", "status": "failed", "error": "unknown-subscriber"}""";

    [Fact]
    public void Sign_TheReadmeExample_GivesTheSignatureTheReadmeShows()
    {
        var signature = SmsReceiptSignature.Sign(Encoding.UTF8.GetBytes("an-example-secret-of-32-characters"), "1767225600", Encoding.UTF8.GetBytes(ReadmeBody));

        Assert.Equal("sha256=2f48ef518c076416ee993d1093b6c3b64441677e3f0d78b9e0b5b89f7cca73ea", signature);
        Assert.Contains($"X-Receipt-Signature: {signature}", File.ReadAllText(RepositoryRoot.Combine("README.md")), StringComparison.Ordinal);
        Assert.Contains(ReadmeBody, File.ReadAllText(RepositoryRoot.Combine("README.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_TheTestGatewayAndThePortal_AgreeOnTheSignature()
    {
        var body = Encoding.UTF8.GetBytes("""{"id":"gw-1","reference":"AAAA-AAAA-AAAA","status":"delivered"}""");

        Assert.Equal(
            SmsReceiptSignature.Sign(Encoding.UTF8.GetBytes("secret-é-0123456789-0123456789-01"), "1700000000", body),
            TestSmsGateway.Sign("secret-é-0123456789-0123456789-01", "1700000000", body));
    }
}
