using BreachPortal.Web.Checks.Sessions;
using BreachPortal.Web.Registry.Protection;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;

namespace BreachPortal.Tests.Checks.Sessions;

public sealed class PendingCheckTests
{
    private readonly EphemeralDataProtectionProvider _protection = new();

    [Fact]
    public void WhatIsWritten_IsReadBack()
    {
        var pending = new PendingCheck(BlindIndexKind.Phone, [1, 2, 3, 4], "+33 • •• •• •• 78");

        var read = PendingCheck.Read(WithCookie(Written(pending)), _protection);

        Assert.NotNull(read);
        Assert.Equal(pending.Kind, read.Kind);
        Assert.Equal(pending.ContactIndex, read.ContactIndex);
        Assert.Equal(pending.Masked, read.Masked);
    }

    [Fact]
    public void TheCookie_IsHttpOnlySecureStrict_AndHoldsNothingReadable()
    {
        var context = new DefaultHttpContext();
        PendingCheck.Write(context, _protection, new PendingCheck(BlindIndexKind.Email, [9, 9, 9], "c•••@example.fr"), TimeSpan.FromMinutes(10));

        var header = context.Response.Headers.SetCookie.ToString();
        Assert.Contains("httponly", header, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", header, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", header, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("example.fr", header, StringComparison.Ordinal);
    }

    [Fact]
    public void ATamperedOrForeignCookie_IsNoPendingCheck()
    {
        var value = Written(new PendingCheck(BlindIndexKind.Email, [1], "x"));

        Assert.Null(PendingCheck.Read(WithCookie(value[..^4] + "AAAA"), _protection));
        Assert.Null(PendingCheck.Read(WithCookie("not-a-cookie"), _protection));
        Assert.Null(PendingCheck.Read(WithCookie(value), new EphemeralDataProtectionProvider()));
        Assert.Null(PendingCheck.Read(new DefaultHttpContext(), _protection));
    }

    private string Written(PendingCheck pending)
    {
        var context = new DefaultHttpContext();
        PendingCheck.Write(context, _protection, pending, TimeSpan.FromMinutes(10));
        var header = context.Response.Headers.SetCookie.ToString();
        var start = header.IndexOf('=', StringComparison.Ordinal) + 1;
        return Uri.UnescapeDataString(header[start..header.IndexOf(';', StringComparison.Ordinal)]);
    }

    private static DefaultHttpContext WithCookie(string value)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = $"{PendingCheck.CookieName}={Uri.EscapeDataString(value)}";
        return context;
    }
}
