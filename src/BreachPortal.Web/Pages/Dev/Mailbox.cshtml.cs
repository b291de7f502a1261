using BreachPortal.Web.Mail;
using BreachPortal.Web.Notifications.Channels.Sms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BreachPortal.Web.Pages.Dev;

/// <summary>Development only: what the in-memory mail sink received, so a newcomer can follow invitations locally.</summary>
public sealed class MailboxModel(IWebHostEnvironment environment, DevelopmentMailbox mailbox, DevelopmentSmsOutbox outbox) : PageModel
{
    public IReadOnlyList<ReceivedEmail> Messages { get; private set; } = [];

    public IReadOnlyList<OutboxSms> Sms { get; private set; } = [];

    public IActionResult OnGet()
    {
        if (!environment.IsDevelopment())
        {
            return NotFound();
        }

        Messages = mailbox.Messages;
        Sms = outbox.Messages;
        return Page();
    }
}
