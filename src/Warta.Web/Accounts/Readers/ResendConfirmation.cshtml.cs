namespace Warta.Web.Accounts.Readers;

/// <summary>Sends the confirmation link again, to an account whose address is not confirmed yet.</summary>
public sealed class ResendConfirmationModel(ReaderUserManager readers, ReaderMail mail, ReaderMailLimit mailLimit) : MailLinkRequestPage(readers, mailLimit)
{
    protected override string Title => "Kirim ulang konfirmasi";

    protected override bool Needs(ReaderUser reader) => !reader.EmailConfirmed;

    protected override Task SendAsync(ReaderUser reader) => mail.ConfirmationAsync(reader);
}
