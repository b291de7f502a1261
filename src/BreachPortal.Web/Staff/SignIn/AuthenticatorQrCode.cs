using QRCoder;

namespace BreachPortal.Web.Staff.SignIn;

/// <summary>The otpauth:// URI authenticator apps scan, as a PNG data URI (the CSP allows data: images only).</summary>
public static class AuthenticatorQrCode
{
    public static string Uri(string issuer, string account, string key) =>
        $"otpauth://totp/{System.Uri.EscapeDataString(issuer)}:{System.Uri.EscapeDataString(account)}" +
        $"?secret={key}&issuer={System.Uri.EscapeDataString(issuer)}&digits=6&period={Totp.StepSeconds}";

    public static string DataUri(string issuer, string account, string key)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(Uri(issuer, account, key), QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(5);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}
