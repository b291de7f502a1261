using System.Text.Json;
using System.Text.Json.Serialization;
using BreachPortal.Web.Notifications.Ledger;

namespace BreachPortal.Web.Notifications.Receipts;

/// <summary>What a verified receipt says, checked.</summary>
/// <param name="Id">The gateway's id for the message.</param>
/// <param name="Reference">Our reference code.</param>
/// <param name="Status">The final status the gateway reports.</param>
/// <param name="FailureReason">For a failure: <c>receipt-&lt;status&gt;[-&lt;error&gt;]</c>, ready for the ledger.</param>
internal sealed record SmsReceipt(string Id, string Reference, SmsReceiptStatus Status, string? FailureReason)
{
    private const int MaxIdLength = 100;
    private const int MaxReasonLength = 100;

    /// <returns>The receipt, or null with what is wrong in <paramref name="problem"/>.</returns>
    public static SmsReceipt? Parse(ReadOnlySpan<byte> json, out string problem)
    {
        SmsReceiptBody? body;
        try
        {
            body = JsonSerializer.Deserialize(json, SmsReceiptJson.Default.SmsReceiptBody);
        }
        catch (JsonException)
        {
            problem = "The body is not JSON with the string fields id, reference, status and (optional) error.";
            return null;
        }

        if (body is null)
        {
            problem = "The body must be a JSON object.";
            return null;
        }

        if (string.IsNullOrWhiteSpace(body.Id) || body.Id.Length > MaxIdLength || body.Id.Any(char.IsControl))
        {
            problem = $"\"id\" must be the gateway's id for the message (1 to {MaxIdLength} characters).";
            return null;
        }

        if (body.Reference is null || !IsReferenceCode(body.Reference))
        {
            problem = "\"reference\" must be the message's reference code (XXXX-XXXX-XXXX).";
            return null;
        }

        SmsReceiptStatus? status = body.Status switch
        {
            "delivered" => SmsReceiptStatus.Delivered,
            "failed" => SmsReceiptStatus.Failed,
            "expired" => SmsReceiptStatus.Expired,
            "rejected" => SmsReceiptStatus.Rejected,
            _ => null,
        };
        if (status is null)
        {
            problem = "\"status\" must be one of delivered, failed, expired, rejected.";
            return null;
        }

        problem = "";
        var reason = status == SmsReceiptStatus.Delivered ? null : FailureReasonOf(body.Status!, body.Error);
        return new SmsReceipt(body.Id, body.Reference, status.Value, reason);
    }

    /// <summary>Only <c>[a-z0-9-]</c> reaches the ledger, whatever the gateway puts in <c>error</c>.</summary>
    private static string FailureReasonOf(string status, string? error)
    {
        var reason = $"receipt-{status}";
        if (string.IsNullOrEmpty(error))
        {
            return reason;
        }

        Span<char> cleaned = stackalloc char[Math.Min(error.Length, MaxReasonLength)];
        var length = 0;
        foreach (var c in error.AsSpan(0, cleaned.Length))
        {
            var lower = char.ToLowerInvariant(c);
            var kept = char.IsAsciiLetterLower(lower) || char.IsAsciiDigit(lower) ? lower : '-';
            if (kept != '-' || (length > 0 && cleaned[length - 1] != '-'))
            {
                cleaned[length++] = kept;
            }
        }

        var suffix = cleaned[..length].TrimEnd('-');
        if (suffix.IsEmpty)
        {
            return reason;
        }

        reason = $"{reason}-{suffix}";
        return reason.Length <= MaxReasonLength ? reason : reason[..MaxReasonLength].TrimEnd('-');
    }

    private static bool IsReferenceCode(string value)
    {
        if (value.Length != Message.ReferenceCodeLength)
        {
            return false;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var ok = i is 4 or 9 ? value[i] == '-' : char.IsAsciiDigit(value[i]) || char.IsAsciiLetterUpper(value[i]);
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}

internal enum SmsReceiptStatus
{
    Delivered,
    Failed,
    Expired,
    Rejected,
}

internal sealed record SmsReceiptBody(string? Id, string? Reference, string? Status, string? Error);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SmsReceiptBody))]
internal sealed partial class SmsReceiptJson : JsonSerializerContext;
