using System.Threading.Channels;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Warta.Web.Shared;

/// <summary>A message to one reader: plain text always (every mail client reads it), HTML and attachments when useful.</summary>
public sealed record OutgoingMail(string To, string Subject, string Text, string? Html = null, IReadOnlyList<MailAttachment>? Attachments = null);

/// <summary>A file sent with a message, such as a calendar entry (text/calendar) or an invoice.</summary>
public sealed record MailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>
/// Sends mail. Extension point: the SMTP sender in production, the log when no server is configured. What features get
/// from the container is the <see cref="MailOutbox"/> in front of either: it returns at once and sends in the background.
/// </summary>
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
        if (string.IsNullOrWhiteSpace(options.Host)) services.AddSingleton<LoggedMailer>();
        else services.AddSingleton<SmtpMailer>();
        services.AddSingleton(sp => new MailOutbox(
            string.IsNullOrWhiteSpace(options.Host) ? sp.GetRequiredService<LoggedMailer>() : sp.GetRequiredService<SmtpMailer>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<MailOutbox>>()));
        services.AddSingleton<IMailer>(sp => sp.GetRequiredService<MailOutbox>());
        services.AddHostedService(sp => sp.GetRequiredService<MailOutbox>());
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

/// <summary>
/// The mailer every feature uses: <see cref="SendAsync"/> only queues the message, and a background loop hands it to the
/// transport (SMTP or the log). A page's answer therefore takes as long whether or not it sent mail, so its timing never
/// tells whether an address has an account, and a slow or failing mail server never holds a reader's request. A message
/// that fails is tried again later (<see cref="RetryDelays"/>), then given up with an error in the log. The queue lives
/// in memory: messages still queued when the process stops are named in the log, not sent.
/// </summary>
public sealed class MailOutbox(IMailer transport, TimeProvider clock, ILogger<MailOutbox> log) : BackgroundService, IMailer
{
    /// <summary>Waits before the second, third … attempt: a mail server that restarts or throttles is usually back within minutes.</summary>
    public static readonly TimeSpan[] RetryDelays = [TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30)];

    /// <summary>Bounded so a flood (held back by the rate limits before it) cannot fill the memory.</summary>
    readonly Channel<(OutgoingMail Mail, int Attempt)> _queue = Channel.CreateBounded<(OutgoingMail, int)>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public Task SendAsync(OutgoingMail mail, CancellationToken ct = default)
    {
        if (!_queue.Writer.TryWrite((mail, 1)))
            log.LogError("The mail queue is full; '{Subject}' to {To} was not sent", mail.Subject, mail.To);
        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (mail, attempt) in _queue.Reader.ReadAllAsync(stoppingToken))
                await DeliverAsync(mail, attempt, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        while (_queue.Reader.TryRead(out var left))
            log.LogWarning("Stopping with mail still queued; '{Subject}' to {To} was not sent", left.Mail.Subject, left.Mail.To);
    }

    async Task DeliverAsync(OutgoingMail mail, int attempt, CancellationToken stoppingToken)
    {
        try
        {
            await transport.SendAsync(mail, stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            if (attempt > RetryDelays.Length)
            {
                log.LogError(e, "Mail '{Subject}' to {To} failed {Attempts} times; given up", mail.Subject, mail.To, attempt);
                return;
            }
            var delay = RetryDelays[attempt - 1];
            // Waits apart from the queue, so one failing message does not hold back the others.
            _ = RetryLaterAsync(mail, attempt + 1, delay, stoppingToken);
            log.LogWarning(e, "Mail '{Subject}' to {To} failed (attempt {Attempt}); trying again in {Delay}", mail.Subject, mail.To, attempt, delay);
        }
    }

    async Task RetryLaterAsync(OutgoingMail mail, int attempt, TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, clock, stoppingToken);
            if (!_queue.Writer.TryWrite((mail, attempt)))
                log.LogError("The mail queue is full; '{Subject}' to {To} was not sent", mail.Subject, mail.To);
        }
        catch (OperationCanceledException)
        {
            log.LogWarning("Stopping with mail waiting for another attempt; '{Subject}' to {To} was not sent", mail.Subject, mail.To);
        }
    }
}
