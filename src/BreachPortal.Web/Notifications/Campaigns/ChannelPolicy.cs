namespace BreachPortal.Web.Notifications.Campaigns;

/// <summary>Which channels a campaign uses for each person. Stored as its number.</summary>
public enum ChannelPolicy : short
{
    /// <summary>An email to everyone with an address on file.</summary>
    Email = 1,

    /// <summary>An SMS to everyone with a mobile number on file.</summary>
    Sms = 2,

    /// <summary>Both, to everyone, on each channel they have.</summary>
    Both = 3,

    /// <summary>An email; an SMS to people without an address, and to those whose email failed for good.</summary>
    EmailWithSmsFallback = 4,
}
