namespace Warta.Web.Accounts.Readers;

/// <summary>Mails a link to make a new password (<see cref="ResetPasswordModel"/>).</summary>
public sealed class ForgotPasswordModel(ReaderUserManager readers, ReaderMail mail, ReaderMailLimit mailLimit) : MailLinkRequestPage(readers, mailLimit)
{
    protected override string Title => "Lupa kata sandi";

    protected override bool Needs(ReaderUser reader) => true;

    protected override Task SendAsync(ReaderUser reader) => mail.PasswordResetAsync(reader);
}
