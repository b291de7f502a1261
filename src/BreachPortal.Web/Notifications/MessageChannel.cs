namespace BreachPortal.Web.Notifications;

/// <summary>How a message reaches a person. Stored as its number.</summary>
public enum MessageChannel : short
{
    Email = 1,
    Sms = 2,
}
