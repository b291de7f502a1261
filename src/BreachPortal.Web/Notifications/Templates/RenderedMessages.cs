using BreachPortal.Web.Incidents;

namespace BreachPortal.Web.Notifications.Templates;

/// <summary>What differs from one person to the next. <see cref="ExposedData"/> is what this person's record exposed.</summary>
public readonly record struct RecipientValues(string FirstName, DataCategories ExposedData, string ReferenceCode);

/// <summary>An email ready to send: values HTML-encoded in <see cref="HtmlBody"/>, <see cref="Subject"/> on one line.</summary>
public readonly record struct RenderedEmail(string Subject, string TextBody, string HtmlBody);

public readonly record struct RenderedSms(string Text, SmsEncoding Encoding, int Segments);
