namespace BreachPortal.Web.Notifications.Campaigns;

public static class ChannelPolicyExtensions
{
    public static bool UsesEmail(this ChannelPolicy policy) => policy is ChannelPolicy.Email or ChannelPolicy.Both or ChannelPolicy.EmailWithSmsFallback;

    public static bool UsesSms(this ChannelPolicy policy) => policy is ChannelPolicy.Sms or ChannelPolicy.Both or ChannelPolicy.EmailWithSmsFallback;

    /// <summary>The spelling used by verbs and exports.</summary>
    public static string ToWireName(this ChannelPolicy policy) => policy switch
    {
        ChannelPolicy.Email => "email",
        ChannelPolicy.Sms => "sms",
        ChannelPolicy.Both => "both",
        ChannelPolicy.EmailWithSmsFallback => "email-sms-fallback",
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "Unknown channel policy."),
    };

    public static bool TryParse(string value, out ChannelPolicy policy)
    {
        foreach (var candidate in Enum.GetValues<ChannelPolicy>())
        {
            if (string.Equals(candidate.ToWireName(), value, StringComparison.OrdinalIgnoreCase))
            {
                policy = candidate;
                return true;
            }
        }

        policy = default;
        return false;
    }
}
