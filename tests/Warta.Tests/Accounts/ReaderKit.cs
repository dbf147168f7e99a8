using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Warta.Fakes;
using Warta.Tests.Infrastructure;
using Warta.Web.Accounts.Readers;

namespace Warta.Tests.Accounts;

/// <summary>
/// A Warta whose mail goes to a loopback SMTP receiver, with a made-up feature's share of personal data ("uji") so the
/// export and the erasure can be seen to reach every <see cref="IPersonalData"/>. Mail limits are out of the way here;
/// <see cref="ReaderMailLimitTests"/> tests them on their own nodes.
/// </summary>
public sealed class ReaderMailFactory : StaffFactory
{
    public ReaderMailFactory() : this(new SmtpReceiver())
    {
    }

    ReaderMailFactory(SmtpReceiver smtp) : base(new Dictionary<string, string?>(smtp.Settings)
    {
        ["Warta:Readers:MailRequestsPerIpPerHour"] = "100000",
        ["Warta:Readers:MailsPerAddressPerHour"] = "100000",
    })
    {
        Smtp = smtp;
    }

    public SmtpReceiver Smtp { get; }
    public TestShare Share { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IPersonalData>(Share));
    }

    bool _smtpStopped;

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing || _smtpStopped) return;
        _smtpStopped = true;
        Smtp.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>A feature's share of personal data: one note per reader, and the readers whose share was erased.</summary>
    public sealed class TestShare : IPersonalData
    {
        public ConcurrentBag<Guid> Erased { get; } = [];
        public string Section => "uji";
        public Task<object?> ExportAsync(Guid readerId, CancellationToken ct) => Task.FromResult<object?>(new { catatan = "catatan pembaca " + readerId });
        public Task EraseAsync(Guid readerId, CancellationToken ct)
        {
            Erased.Add(readerId);
            return Task.CompletedTask;
        }
    }
}

/// <summary>A reader's way through the account pages, as a browser would take it.</summary>
public static class ReaderKit
{
    public const string Password = "kata-sandi-pembaca-1";

    public static Task<HttpResponseMessage> RegisterAsync(this HttpClient browser, string email, string name = "Sari Pembaca", string password = Password) =>
        browser.SubmitAsync("/akun/daftar", new() { ["Email"] = email, ["Password"] = password, ["Name"] = name });

    /// <summary>Signs in through /akun/masuk; fails the test unless it was accepted.</summary>
    public static async Task<HttpClient> ReaderSignedInAsync(this WartaFactory app, string email, string password = Password)
    {
        var browser = app.Browser();
        var response = await browser.SubmitAsync("/akun/masuk", new() { ["Email"] = email, ["Password"] = password });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in of reader {email} answered {(int)response.StatusCode}");
        return browser;
    }

    /// <summary>Registers through the page (nobody is signed in by it), then signs in with the new password.</summary>
    public static async Task<HttpClient> RegisteredReaderAsync(this WartaFactory app, string email, string name = "Sari Pembaca")
    {
        var registered = await app.Browser().RegisterAsync(email, name);
        Assert.Equal("Cek email Anda.", (await registered.DocumentAsync()).QuerySelector("#check-mail strong")!.TextContent);
        return await app.ReaderSignedInAsync(email);
    }

    /// <summary>Registers, opens the confirmation link from the mail, and signs in.</summary>
    public static async Task<HttpClient> ConfirmedReaderAsync(this ReaderMailFactory app, string email, string name = "Sari Pembaca")
    {
        var browser = await app.RegisteredReaderAsync(email, name);
        var confirmation = await app.Smtp.WaitForAsync(email, m => (m.Subject ?? "").StartsWith("Konfirmasi email", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(SmtpReceiver.LinkIn(confirmation, "/akun/konfirmasi"))).StatusCode);
        return browser;
    }

    /// <summary>The link's path and query, for the test client (which talks to the app at its own base address).</summary>
    public static string LinkTo(MimeMessage message, string path) => new Uri(SmtpReceiver.LinkIn(message, path)).PathAndQuery;
}
