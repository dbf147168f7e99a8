using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Warta.Web.Shared;

/// <summary>A message to one reader: plain text always (every mail client reads it), HTML and attachments when useful.</summary>
public sealed record OutgoingMail(string To, string Subject, string Text, string? Html = null, IReadOnlyList<MailAttachment>? Attachments = null);

/// <summary>A file sent with a message, such as a calendar entry (text/calendar) or an invoice.</summary>
public sealed record MailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>Sends mail. Extension point: the SMTP sender in production, the log when no server is configured.</summary>
public interface IMailer
{
    Task SendAsync(OutgoingMail mail, CancellationToken ct = default);
}

/// <summary><c>Warta:Mail</c>: where mail goes. Without a host, messages are written to the log (a first start needs no mail server).</summary>
public sealed class MailOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    /// <summary>None, StartTls, SslOnConnect or Auto (MailKit's <see cref="SecureSocketOptions"/>).</summary>
    public string Security { get; set; } = "Auto";
    public string? User { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "Warta <no-reply@warta.local>";
    public int TimeoutSeconds { get; set; } = 30;
}

public static class MailSetup
{
    public static IServiceCollection AddMail(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Warta:Mail").Get<MailOptions>() ?? new MailOptions();
        if (!Enum.TryParse<SecureSocketOptions>(options.Security, ignoreCase: true, out _))
            throw new InvalidOperationException($"Warta:Mail:Security must be None, StartTls, SslOnConnect or Auto, not '{options.Security}'.");
        _ = MailboxAddress.Parse(options.From);
        services.AddSingleton(options);
        if (string.IsNullOrWhiteSpace(options.Host)) services.AddSingleton<IMailer, LoggedMailer>();
        else services.AddSingleton<IMailer, SmtpMailer>();
        return services;
    }
}

/// <summary>Sends through the configured SMTP server, one connection per message (mail is rare: sign-ups, receipts).</summary>
public sealed class SmtpMailer(MailOptions options, ILogger<SmtpMailer> log) : IMailer
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken ct = default)
    {
        var message = Compose(options, mail);
        using var client = new SmtpClient { Timeout = options.TimeoutSeconds * 1000 };
        await client.ConnectAsync(options.Host!, options.Port, Enum.Parse<SecureSocketOptions>(options.Security, ignoreCase: true), ct);
        if (!string.IsNullOrEmpty(options.User)) await client.AuthenticateAsync(options.User, options.Password ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
        log.LogInformation("Mail '{Subject}' sent to {To}", mail.Subject, mail.To);
    }

    public static MimeMessage Compose(MailOptions options, OutgoingMail mail)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.From));
        message.To.Add(MailboxAddress.Parse(mail.To));
        message.Subject = mail.Subject;
        var body = new BodyBuilder { TextBody = mail.Text, HtmlBody = mail.Html };
        foreach (var a in mail.Attachments ?? []) body.Attachments.Add(a.FileName, a.Content, ContentType.Parse(a.ContentType));
        message.Body = body.ToMessageBody();
        return message;
    }
}

/// <summary>No mail server configured (a first start on a laptop): the message goes to the log, links included, so the operator can follow them.</summary>
public sealed class LoggedMailer(ILogger<LoggedMailer> log) : IMailer
{
    public Task SendAsync(OutgoingMail mail, CancellationToken ct = default)
    {
        log.LogWarning("No mail server is configured (Warta:Mail:Host); this message to {To} was not sent.\nSubject: {Subject}\n{Text}", mail.To, mail.Subject, mail.Text);
        return Task.CompletedTask;
    }
}
