using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace Warta.Fakes;

/// <summary>
/// A small SMTP server on loopback that keeps every message it receives, so tests read the mail Warta sent the way a
/// mailbox would. It speaks enough of RFC 5321 for a real client (MailKit): EHLO/HELO, MAIL, RCPT, DATA with
/// dot-unstuffing, RSET, NOOP and QUIT. Point the app at it with <see cref="Settings"/>.
/// </summary>
public sealed class SmtpReceiver : IAsyncDisposable
{
    readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    readonly CancellationTokenSource _stop = new();
    // Each message with its recipients read once on arrival: a MimeMessage is not safe to enumerate from many test threads at once.
    readonly ConcurrentQueue<(MimeMessage Message, string[] To)> _messages = new();
    readonly SemaphoreSlim _arrived = new(0);
    readonly Task _accepting;

    public SmtpReceiver()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The app settings that send Warta's mail here.</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["Warta:Mail:Host"] = "127.0.0.1",
        ["Warta:Mail:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Warta:Mail:Security"] = "None",
        ["Warta:Mail:From"] = "Warta <redaksi@warta.test>",
    };

    public IReadOnlyList<MimeMessage> Messages => [.. _messages.Select(m => m.Message)];

    /// <summary>The messages sent to <paramref name="address"/> so far.</summary>
    public IReadOnlyList<MimeMessage> To(string address) =>
        [.. _messages.Where(m => m.To.Any(to => string.Equals(to, address, StringComparison.OrdinalIgnoreCase))).Select(m => m.Message)];

    /// <summary>Waits (up to a generous minute: mail is sent after the response on a busy machine) for a message to <paramref name="address"/> matching <paramref name="match"/>.</summary>
    public async Task<MimeMessage> WaitForAsync(string address, Func<MimeMessage, bool>? match = null, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(1));
        while (true)
        {
            var found = To(address).LastOrDefault(m => match?.Invoke(m) ?? true);
            if (found is not null) return found;
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new TimeoutException($"No mail to {address} arrived; {_messages.Count} message(s) received in all.");
            await _arrived.WaitAsync(left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>The first http(s) link in a message's text part that contains <paramref name="contains"/>.</summary>
    public static string LinkIn(MimeMessage message, string contains)
    {
        var text = message.TextBody ?? message.HtmlBody ?? "";
        var match = System.Text.RegularExpressions.Regex.Matches(text, @"https?://[^\s""<>]+")
            .Select(m => m.Value).FirstOrDefault(u => u.Contains(contains, StringComparison.Ordinal));
        return match ?? throw new InvalidOperationException($"No link containing '{contains}' in:\n{text}");
    }

    async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            catch (ObjectDisposedException) { return; }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.Latin1, false, 4096, leaveOpen: true);
        using var writer = new StreamWriter(stream, Encoding.Latin1, 4096, leaveOpen: true) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 warta-test SMTP ready");
        var recipients = 0;
        try
        {
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteLineAsync("250-warta-test");
                        await writer.WriteLineAsync("250-8BITMIME");
                        await writer.WriteLineAsync("250 SMTPUTF8");
                        break;
                    case "HELO": await writer.WriteLineAsync("250 warta-test"); break;
                    case "MAIL": recipients = 0; await writer.WriteLineAsync("250 OK"); break;
                    case "RCPT": recipients++; await writer.WriteLineAsync("250 OK"); break;
                    case "RSET": recipients = 0; await writer.WriteLineAsync("250 OK"); break;
                    case "NOOP": await writer.WriteLineAsync("250 OK"); break;
                    case "QUIT": await writer.WriteLineAsync("221 bye"); return;
                    case "DATA":
                        if (recipients == 0) { await writer.WriteLineAsync("503 RCPT first"); break; }
                        await writer.WriteLineAsync("354 end with <CRLF>.<CRLF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync(_stop.Token) is { } dataLine && dataLine != ".")
                            data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                        using (var raw = new MemoryStream(Encoding.Latin1.GetBytes(data.ToString())))
                        {
                            var message = await MimeMessage.LoadAsync(raw);
                            _messages.Enqueue((message, [.. message.To.Mailboxes.Select(b => b.Address)]));
                        }
                        _arrived.Release();
                        await writer.WriteLineAsync("250 queued");
                        break;
                    default: await writer.WriteLineAsync("502 not implemented"); break;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try { await _accepting; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
