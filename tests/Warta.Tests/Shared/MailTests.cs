using Warta.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Warta.Web.Shared;

namespace Warta.Tests.Shared;

public class MailTests
{
    [Fact]
    public async Task The_smtp_mailer_delivers_text_html_and_an_attachment_to_a_real_smtp_server()
    {
        await using var smtp = new SmtpReceiver();
        var options = new MailOptions { Host = "127.0.0.1", Port = smtp.Port, Security = "None", From = "Warta <redaksi@warta.test>" };
        var mailer = new SmtpMailer(options, NullLogger<SmtpMailer>.Instance);
        var calendar = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"u8.ToArray();

        await mailer.SendAsync(new OutgoingMail("pembaca@contoh.id", "Konfirmasi pendaftaran — Rp 1.500.000",
            "Halo,\r\n.satu baris diawali titik\r\nBuka https://warta.test/akun/konfirmasi?kode=abc untuk melanjutkan.",
            Html: "<p>Halo</p>", Attachments: [new MailAttachment("kelas.ics", "text/calendar", calendar)]));

        var message = await smtp.WaitForAsync("pembaca@contoh.id");
        Assert.Equal("Konfirmasi pendaftaran — Rp 1.500.000", message.Subject);
        Assert.Equal("redaksi@warta.test", message.From.Mailboxes.Single().Address);
        Assert.Contains(".satu baris diawali titik", message.TextBody ?? "");
        Assert.Equal("https://warta.test/akun/konfirmasi?kode=abc", SmtpReceiver.LinkIn(message, "/akun/konfirmasi"));
        Assert.Equal("<p>Halo</p>", message.HtmlBody?.Trim());
        var attachment = Assert.Single(message.Attachments.OfType<MimeKit.MimePart>());
        Assert.Equal("kelas.ics", attachment.FileName);
        Assert.NotNull(attachment.Content);
        using var content = new MemoryStream();
        await attachment.Content.DecodeToAsync(content);
        Assert.Equal(calendar, content.ToArray());
    }

    [Fact]
    public void A_security_setting_that_is_not_one_of_mailkits_is_refused_at_start()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Warta:Mail:Security"] = "tls-please" }).Build();
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddMail(configuration));
        Assert.Contains("Warta:Mail:Security", error.Message);
    }
}
