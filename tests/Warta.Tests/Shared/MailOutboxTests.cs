using Channels = System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Warta.Web.Shared;

namespace Warta.Tests.Shared;

/// <summary>The outbox in front of the mail transport: a request never waits for mail, and a failing message is tried again.</summary>
public class MailOutboxTests
{
    static readonly OutgoingMail Mail = new("pembaca@contoh.id", "Konfirmasi email", "Halo");

    /// <summary>A transport that fails its first <c>failures</c> attempts, and waits for <see cref="Gate"/> before delivering.</summary>
    sealed class Transport(int failures) : IMailer
    {
        public int Attempts;
        public TaskCompletionSource Gate { get; } = new();
        public TaskCompletionSource<OutgoingMail> Delivered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task SendAsync(OutgoingMail mail, CancellationToken ct = default)
        {
            if (Interlocked.Increment(ref Attempts) <= failures) throw new IOException("the mail server is down");
            await Gate.Task.WaitAsync(ct);
            Delivered.SetResult(mail);
        }
    }

    /// <summary>The outbox's log, as the levels it wrote, in order (a warning is written once the retry's timer is set).</summary>
    sealed class OutboxLog : ILogger<MailOutbox>
    {
        public Channels.Channel<LogLevel> Levels { get; } = Channels.Channel.CreateUnbounded<LogLevel>();
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Levels.Writer.TryWrite(logLevel);
    }

    [Fact]
    public async Task Sending_returns_before_the_transport_has_delivered_and_the_message_is_delivered_afterwards()
    {
        var transport = new Transport(failures: 0);
        using var outbox = new MailOutbox(transport, new FakeTimeProvider(), new OutboxLog());
        await outbox.StartAsync(CancellationToken.None);

        Assert.True(outbox.SendAsync(Mail).IsCompletedSuccessfully);
        Assert.False(transport.Delivered.Task.IsCompleted);
        transport.Gate.SetResult();
        Assert.Same(Mail, await transport.Delivered.Task.WaitAsync(TimeSpan.FromMinutes(1)));
        await outbox.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_message_that_fails_is_sent_again_after_the_first_retry_delay()
    {
        var transport = new Transport(failures: 1);
        transport.Gate.SetResult();
        var clock = new FakeTimeProvider();
        var log = new OutboxLog();
        using var outbox = new MailOutbox(transport, clock, log);
        await outbox.StartAsync(CancellationToken.None);

        await outbox.SendAsync(Mail);
        Assert.Equal(LogLevel.Warning, await log.Levels.Reader.ReadAsync());
        clock.Advance(MailOutbox.RetryDelays[0] - TimeSpan.FromSeconds(1));
        Assert.False(transport.Delivered.Task.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Same(Mail, await transport.Delivered.Task.WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.Equal(2, transport.Attempts);
        await outbox.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_message_that_keeps_failing_is_given_up_with_an_error_after_every_retry()
    {
        var transport = new Transport(failures: int.MaxValue);
        var clock = new FakeTimeProvider();
        var log = new OutboxLog();
        using var outbox = new MailOutbox(transport, clock, log);
        await outbox.StartAsync(CancellationToken.None);

        await outbox.SendAsync(Mail);
        foreach (var delay in MailOutbox.RetryDelays)
        {
            Assert.Equal(LogLevel.Warning, await log.Levels.Reader.ReadAsync());
            clock.Advance(delay);
        }
        Assert.Equal(LogLevel.Error, await log.Levels.Reader.ReadAsync());
        Assert.Equal(MailOutbox.RetryDelays.Length + 1, transport.Attempts);
        await outbox.StopAsync(CancellationToken.None);
    }
}
