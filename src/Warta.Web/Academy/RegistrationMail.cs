using System.Text;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Commerce;
using Warta.Web.Data;
using Warta.Web.Shared;

namespace Warta.Web.Academy;

/// <summary>
/// The mail a registration is owed: the confirmation with its calendar file, the offer of a seat to a waiting reader,
/// and the word to a reader who paid when no seat was left that they wait first in line. A seat changes hands inside
/// an order's transaction, where no mail may go out (it could roll back), so the registration records that a mail is due
/// and this sends it afterwards: right after the reader's own request, and from <see cref="RegistrationUpkeep"/> for
/// moves made elsewhere (a payment notice, an expiry). Each mail is claimed by one conditional UPDATE first, so two nodes
/// never send the same one.
/// </summary>
public sealed class RegistrationMail(WartaDb db, IMailer mailer, SiteOptions site, TimeProvider clock, ILogger<RegistrationMail> log)
{
    enum Kind
    {
        Confirmation,
        Offer,
        PaidWaiting,
    }

    /// <summary>Sends every mail due, or only <paramref name="registrationId"/>'s.</summary>
    public async Task<int> SendDueAsync(long? registrationId = null, CancellationToken ct = default)
    {
        var due = await db.Registrations.AsNoTracking()
            .Where(r => registrationId == null || r.Id == registrationId)
            .Where(r => (r.Status == RegistrationStatus.Confirmed && r.ConfirmationMailedAt == null)
                        || (r.Status == RegistrationStatus.Held && r.OfferedAt != null && r.OfferMailedAt == null)
                        || (r.Status == RegistrationStatus.Waiting && r.PaidWaitingSince != null && r.PaidWaitingMailedAt == null))
            .OrderBy(r => r.Id).Take(200).ToListAsync(ct);
        var sent = 0;
        foreach (var registration in due)
        {
            var kind = registration.Status switch
            {
                RegistrationStatus.Confirmed => Kind.Confirmation,
                RegistrationStatus.Held => Kind.Offer,
                _ => Kind.PaidWaiting,
            };
            if (!await ClaimAsync(registration.Id, kind, clock.GetUtcNow(), ct)) continue;
            try
            {
                await mailer.SendAsync(await ComposeAsync(registration, kind, ct), ct);
                sent++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "The {Kind} mail of registration {Id} was not sent; it is tried again on the next pass", kind, registration.Id);
                await ClaimAsync(registration.Id, kind, null, ct);
            }
        }
        return sent;
    }

    async Task<bool> ClaimAsync(long id, Kind kind, DateTimeOffset? at, CancellationToken ct)
    {
        var row = db.Registrations.Where(r => r.Id == id);
        var changed = kind switch
        {
            Kind.Confirmation => await row.Where(r => at == null || r.ConfirmationMailedAt == null).ExecuteUpdateAsync(s => s.SetProperty(r => r.ConfirmationMailedAt, at), ct),
            Kind.Offer => await row.Where(r => at == null || r.OfferMailedAt == null).ExecuteUpdateAsync(s => s.SetProperty(r => r.OfferMailedAt, at), ct),
            _ => await row.Where(r => at == null || r.PaidWaitingMailedAt == null).ExecuteUpdateAsync(s => s.SetProperty(r => r.PaidWaitingMailedAt, at), ct),
        };
        return changed == 1;
    }

    async Task<OutgoingMail> ComposeAsync(Registration registration, Kind kind, CancellationToken ct)
    {
        var course = await db.Courses.AsNoTracking().Include(c => c.Sessions).SingleAsync(c => c.Id == registration.CourseId, ct);
        var reader = await db.Readers.AsNoTracking().Where(r => r.Id == registration.ReaderId).Select(r => new { r.Email, r.DisplayName }).SingleAsync(ct);
        var registrationUrl = site.Absolute(AcademyRoutes.RegistrationUrlOf(course.Slug));
        var text = new StringBuilder();
        text.Append("Halo ").Append(reader.DisplayName).Append(",\n\n");
        if (kind == Kind.Confirmation)
        {
            text.Append("Pendaftaran Anda untuk kelas \"").Append(course.Title).Append("\" sudah terkonfirmasi.\n\n");
            AppendSessions(text, course);
            text.Append("\nJadwal terlampir sebagai berkas kalender (.ics). Detail pendaftaran: ").Append(registrationUrl).Append('\n');
            var calendar = CourseCalendar.Build(course, site.Absolute(AcademyRoutes.CourseUrlOf(course.Slug)), site.PublicBase.Host, clock.GetUtcNow());
            return new OutgoingMail(reader.Email!, "Pendaftaran terkonfirmasi: " + course.Title, text.ToString(),
                Attachments: [new MailAttachment(CourseCalendar.FileName(course), CourseCalendar.ContentType, Encoding.UTF8.GetBytes(calendar))]);
        }
        if (kind == Kind.PaidWaiting)
        {
            var place = await Seating.PlaceInLineAsync(db, registration, ct);
            text.Append("Pembayaran Anda untuk kelas \"").Append(course.Title).Append("\" (pesanan ").Append(registration.OrderNumber)
                .Append(") sudah kami terima, tetapi kursi yang sempat ditahan untuk Anda sudah terisi lebih dulu.\n\n")
                .Append("Anda kini di urutan ke-").Append(place).Append(" daftar tunggu, di depan semua pendaftar yang belum membayar. ")
                .Append("Begitu ada kursi kosong, pendaftaran Anda langsung terkonfirmasi dan jadwalnya kami kirimkan.\n\n")
                .Append("Bila sampai kelas dimulai (").Append(Indonesian.DateTime(course.StartsAt)).Append(") tidak ada kursi untuk Anda, ")
                .Append("dana Anda kami kembalikan penuh. Ingin dananya dikembalikan sekarang? Balas email ini.\n\n")
                .Append("Detail pendaftaran: ").Append(registrationUrl).Append('\n');
            return new OutgoingMail(reader.Email!, "Pembayaran diterima, menunggu kursi: " + course.Title, text.ToString());
        }
        text.Append("Ada kursi kosong di kelas \"").Append(course.Title).Append("\" dan kursi itu kami tahan untuk Anda sampai ")
            .Append(Indonesian.DateTime(registration.HeldUntil!.Value)).Append(".\n\n");
        AppendSessions(text, course);
        text.Append('\n').Append(course.Price > 0 ? "Bayar " + Indonesian.Rupiah(course.Price) : "Konfirmasi").Append(" di sini sebelum waktunya habis: ")
            .Append(registrationUrl).Append("\nLewat dari itu, kursi diberikan kepada pendaftar berikutnya.\n");
        return new OutgoingMail(reader.Email!, "Kursi tersedia: " + course.Title, text.ToString());
    }

    static void AppendSessions(StringBuilder text, Course course)
    {
        foreach (var session in course.Schedule())
        {
            text.Append("- ").Append(Indonesian.DateTime(session.StartsAt)).Append(" – ").Append(Indonesian.Clock(session.EndsAt));
            if (session.Title is not null) text.Append(", ").Append(session.Title);
            text.Append(": ").Append(session.Venue ?? session.OnlineUrl ?? session.Place).Append('\n');
        }
    }
}

/// <summary>
/// Every minute (<c>Warta:Academy:UpkeepSeconds</c>) on every node: held seats past their time go to the next reader (an unpaid order is expired through the
/// <see cref="OrderBook"/>, which frees the seat in its own transaction), free seats go to waiting readers, and due mail
/// goes out. Each step is safe to run on several nodes at once.
/// </summary>
public sealed class RegistrationUpkeep(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<RegistrationUpkeep> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Warta:Academy:UpkeepSeconds, default 60; 0 turns the pass off (tests run it themselves, on their own clock).
        var seconds = configuration.GetValue("Warta:Academy:UpkeepSeconds", 60);
        if (seconds <= 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds), clock);
        // The first pass waits one interval: at first start the database may still be migrating.
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "The Academy's registration upkeep failed; it runs again on the next pass");
            }
        }
    }

    public async Task RunOnceAsync(CancellationToken ct = default)
    {
        using var scope = scopes.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<WartaDb>();
        var now = clock.GetUtcNow();

        var overdue = await db.Registrations.AsNoTracking()
            .Where(r => r.Status == RegistrationStatus.Held && r.HeldUntil < now).OrderBy(r => r.Id).Take(500).ToListAsync(ct);
        foreach (var held in overdue)
        {
            if (held.OrderNumber is { } number) await services.GetRequiredService<OrderBook>().MoveAsync(number, OrderStatus.Expired, ct: ct);
            else await EndUnpaidOfferAsync(db, services.GetRequiredService<Seating>(), held.Id, now, ct);
        }

        var waitingWithFreeSeats = await db.Courses.AsNoTracking()
            .Where(c => c.SeatsTaken < c.Seats && c.StartsAt > now && db.Registrations.Any(r => r.CourseId == c.Id && r.Status == RegistrationStatus.Waiting))
            .Select(c => c.Id).ToListAsync(ct);
        foreach (var courseId in waitingWithFreeSeats) await FillAsync(db, services.GetRequiredService<Seating>(), courseId, ct);

        await services.GetRequiredService<RegistrationMail>().SendDueAsync(ct: ct);
    }

    static async Task EndUnpaidOfferAsync(WartaDb db, Seating seating, long id, DateTimeOffset now, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var held = await db.Registrations.SingleOrDefaultAsync(r => r.Id == id && r.Status == RegistrationStatus.Held && r.OrderNumber == null && r.HeldUntil < now, ct);
        if (held is null) return;
        try
        {
            await seating.EndAsync(db, held, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return; // another node ended it first
        }
        if (await SavedAsync(db, ct)) await tx.CommitAsync(ct);
    }

    static async Task FillAsync(WartaDb db, Seating seating, Guid courseId, CancellationToken ct)
    {
        while (true)
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (!await seating.OfferNextAsync(db, courseId, except: 0, ct) || !await SavedAsync(db, ct)) return;
            await tx.CommitAsync(ct);
        }
    }

    /// <summary>False when another node moved the same registration first; the caller's transaction then rolls back.</summary>
    static async Task<bool> SavedAsync(WartaDb db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }
}
