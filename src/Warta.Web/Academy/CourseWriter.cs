using Microsoft.EntityFrameworkCore;
using Warta.Web.Accounts;
using Warta.Web.Data;
using Warta.Web.Shared;

namespace Warta.Web.Academy;

/// <summary>
/// Creating and changing courses, for the admin API, the admin page and demo seeding alike: validated, cleaned, audited
/// in the same save, and evicted from the reader pages (the Academy block is on every one).
/// </summary>
public sealed class CourseWriter(WartaDb db, StaffHtml html, TimeProvider clock, PageCache pages)
{
    /// <summary>The longest description stored, after cleaning.</summary>
    public const int MaxDescription = 20_000;
    public const int MaxInstructors = 10;
    public const int MaxSessions = 50;

    /// <summary>Creates a course, recorded in the audit log as <paramref name="http"/>'s actor (demo seeding has none).</summary>
    public async Task<(Course? Course, Errors Errors)> CreateAsync(CourseInput input, HttpContext? http = null)
    {
        var (valid, errors) = Validate(input);
        if (errors.Any) return (null, errors);
        var slug = await Slug.UniqueAsync(valid!.Title, "kelas", candidate => db.Courses.AnyAsync(c => c.Slug == candidate));
        var course = new Course { Id = Guid.CreateVersion7(), Title = valid.Title, Slug = slug };
        Apply(course, valid, input);
        db.Courses.Add(course);
        return (await SaveAsync(course, http, AuditActions.CourseCreate), errors);
    }

    /// <summary>Replaces a course's details, instructors and sessions; its slug (its address) and its registrations stay.</summary>
    public async Task<(Course? Course, Errors Errors)> UpdateAsync(Guid id, CourseInput input, HttpContext http)
    {
        var (valid, errors) = Validate(input);
        var course = await db.Courses.Include(c => c.Instructors).Include(c => c.Sessions).AsSplitQuery().SingleOrDefaultAsync(c => c.Id == id);
        if (course is null) errors.Add("id", "No such course.", "Kelas tidak ditemukan.");
        else if (input.Seats is { } seats && seats < course.SeatsTaken)
            errors.Add("seats", $"{course.SeatsTaken} seats are already taken; seats cannot be fewer.", $"{course.SeatsTaken} kursi sudah terisi; jumlah kursi tidak boleh lebih kecil.");
        if (errors.Any) return (null, errors);
        Apply(course!, valid!, input);
        try
        {
            return (await SaveAsync(course!, http, AuditActions.CourseSave), errors);
        }
        catch (DbUpdateException)
        {
            // A reader took a seat between the check and the save: the seats check in the database refused the change.
            errors.Add("seats", "Seats cannot be fewer than the seats taken.", "Jumlah kursi tidak boleh lebih kecil dari kursi yang sudah terisi.");
            return (null, errors);
        }
    }

    async Task<Course> SaveAsync(Course course, HttpContext? http, string action)
    {
        if (http is not null)
            AuditLog.Add(db, clock, http, action, course.Slug, $"{course.Title}, {Indonesian.DateTime(course.StartsAt)}, Rp {course.Price:0}, {course.Seats} kursi, {course.Sessions.Count} sesi");
        await db.SaveChangesAsync();
        await pages.EvictAsync(CacheTags.Lists, CourseList.CacheTag);
        return course;
    }

    sealed record ValidCourse(string Title, List<string> Hashtags, string? Description, List<CourseInstructor> Instructors, List<CourseSession> Sessions);

    (ValidCourse? Course, Errors Errors) Validate(CourseInput input)
    {
        var errors = new Errors();
        var title = input.Title?.Trim();
        if (string.IsNullOrEmpty(title)) errors.Add("title", "Title is required.", "Judul wajib diisi.");
        else if (title.Length > 200) errors.Add("title", "Title is at most 200 characters.", "Judul paling banyak 200 karakter.");
        var sessions = ValidSessions(input.Sessions ?? [], errors);
        if ((input.Sessions ?? []).Count == 0)
        {
            // Without sessions the course is one meeting from startsAt to endsAt.
            if (input.StartsAt is null) errors.Add("startsAt", "startsAt is required (or give sessions).", "Waktu mulai wajib diisi (atau isi sesi).");
            if (input.EndsAt is null) errors.Add("endsAt", "endsAt is required (or give sessions).", "Waktu selesai wajib diisi (atau isi sesi).");
            else if (input.StartsAt is { } s && input.EndsAt <= s) errors.Add("endsAt", "endsAt must be after startsAt.", "Waktu selesai harus setelah waktu mulai.");
            if (input.StartsAt is { } from && input.EndsAt is { } to && to > from)
                sessions.Add(new CourseSession { Position = 0, StartsAt = from.ToUniversalTime(), EndsAt = to.ToUniversalTime() });
        }
        if (input.Price is null) errors.Add("price", "Price is required (rupiah; 0 for free).", "Harga wajib diisi (rupiah; 0 bila gratis).");
        else if (input.Price < 0 || input.Price > 1_000_000_000) errors.Add("price", "Price is between 0 and 1,000,000,000 rupiah.", "Harga antara Rp 0 dan Rp 1.000.000.000.");
        else if (decimal.Truncate(input.Price.Value) != input.Price) errors.Add("price", "Price is in whole rupiah.", "Harga dalam rupiah bulat, tanpa sen.");
        if (input.Seats is null or < 1 or > 100_000) errors.Add("seats", "Seats is a number from 1 to 100,000.", "Jumlah kursi antara 1 dan 100.000.");
        var hashtags = (input.Hashtags ?? []).Select(h => h.Trim().TrimStart('#')).Where(h => h.Length > 0).Distinct().ToList();
        if (hashtags.Count > 10 || hashtags.Any(h => h.Length > 60 || !h.All(char.IsLetterOrDigit)))
            errors.Add("hashtags", "At most 10 hashtags of letters and digits, e.g. BisnisJangkaPanjang.", "Paling banyak 10 tagar dari huruf dan angka, mis. BisnisJangkaPanjang.");
        if (input.Summary is { Length: > 1000 }) errors.Add("summary", "Summary is at most 1000 characters.", "Ringkasan paling banyak 1000 karakter.");
        string? description = null;
        if (StaffHtml.Refusal(input.Description) is { } refusal) errors.Add("description", refusal.English, refusal.Indonesian);
        else if ((description = html.Clean(input.Description)) is { Length: > MaxDescription })
            errors.Add("description", $"Description is at most {MaxDescription:N0} characters of HTML.", $"Deskripsi paling banyak {MaxDescription:N0} karakter HTML.");
        var instructors = ValidInstructors(input.Instructors ?? [], errors);
        if (errors.Any) return (null, errors);
        return (new ValidCourse(title!, hashtags, string.IsNullOrEmpty(description) ? null : description, instructors, sessions), errors);
    }

    static List<CourseInstructor> ValidInstructors(List<InstructorInput> input, Errors errors)
    {
        var instructors = new List<CourseInstructor>();
        var given = input.Where(i => !string.IsNullOrWhiteSpace(i.Name) || !string.IsNullOrWhiteSpace(i.Bio)).ToList();
        if (given.Count > MaxInstructors) errors.Add("instructors", $"At most {MaxInstructors} instructors.", $"Paling banyak {MaxInstructors} pengajar.");
        for (var i = 0; i < given.Count; i++)
        {
            var name = given[i].Name?.Trim();
            var bio = given[i].Bio?.Trim();
            if (string.IsNullOrEmpty(name)) errors.Add($"instructors[{i}].name", "An instructor needs a name.", "Nama pengajar wajib diisi.");
            else if (name.Length > 120) errors.Add($"instructors[{i}].name", "An instructor's name is at most 120 characters.", "Nama pengajar paling banyak 120 karakter.");
            if (bio is { Length: > 300 }) errors.Add($"instructors[{i}].bio", "An instructor's bio is at most 300 characters.", "Keterangan pengajar paling banyak 300 karakter.");
            instructors.Add(new CourseInstructor { Position = i, Name = name ?? "", Bio = string.IsNullOrEmpty(bio) ? null : bio });
        }
        return instructors;
    }

    static List<CourseSession> ValidSessions(List<SessionInput> input, Errors errors)
    {
        var sessions = new List<CourseSession>();
        if (input.Count > MaxSessions) errors.Add("sessions", $"At most {MaxSessions} sessions.", $"Paling banyak {MaxSessions} sesi.");
        for (var i = 0; i < input.Count; i++)
        {
            var s = input[i];
            var field = $"sessions[{i}].";
            if (s.StartsAt is null) errors.Add(field + "startsAt", "A session needs its start.", "Waktu mulai sesi wajib diisi.");
            if (s.EndsAt is null) errors.Add(field + "endsAt", "A session needs its end.", "Waktu selesai sesi wajib diisi.");
            else if (s.StartsAt is { } from && s.EndsAt <= from) errors.Add(field + "endsAt", "A session ends after it starts.", "Sesi harus selesai setelah mulai.");
            var url = s.OnlineUrl?.Trim();
            var venue = s.Venue?.Trim();
            if (!string.IsNullOrEmpty(url) && (url.Length > 500 || !Uri.TryCreate(url, UriKind.Absolute, out var link) || link.Scheme is not ("http" or "https")))
                errors.Add(field + "onlineUrl", "The online link is an http(s) address of at most 500 characters.", "Tautan daring berupa alamat http(s), paling banyak 500 karakter.");
            if (venue is { Length: > 300 }) errors.Add(field + "venue", "The venue is at most 300 characters.", "Tempat paling banyak 300 karakter.");
            if (string.IsNullOrEmpty(url) && string.IsNullOrEmpty(venue))
                errors.Add(field + "venue", "A session is online (a link) or at a venue.", "Isi tautan daring atau tempat sesi.");
            if (s.Title?.Trim() is { Length: > 200 }) errors.Add(field + "title", "A session title is at most 200 characters.", "Judul sesi paling banyak 200 karakter.");
            if (s.StartsAt is { } start && s.EndsAt is { } end)
                sessions.Add(new CourseSession
                {
                    Position = i, StartsAt = start.ToUniversalTime(), EndsAt = end.ToUniversalTime(),
                    Title = string.IsNullOrWhiteSpace(s.Title) ? null : s.Title.Trim(),
                    OnlineUrl = string.IsNullOrEmpty(url) ? null : url, Venue = string.IsNullOrEmpty(venue) ? null : venue,
                });
        }
        return sessions;
    }

    static void Apply(Course course, ValidCourse valid, CourseInput input)
    {
        course.Title = valid.Title;
        course.StartsAt = valid.Sessions.Min(s => s.StartsAt);
        course.EndsAt = valid.Sessions.Max(s => s.EndsAt);
        course.Price = input.Price!.Value;
        course.Seats = input.Seats!.Value;
        course.Hashtags = valid.Hashtags;
        course.Summary = string.IsNullOrWhiteSpace(input.Summary) ? null : input.Summary.Trim();
        course.Description = valid.Description;
        course.Instructors.Clear();
        course.Instructors.AddRange(valid.Instructors);
        course.Sessions.Clear();
        course.Sessions.AddRange(valid.Sessions.OrderBy(s => s.StartsAt).Select((s, i) => { s.Position = i; return s; }));
    }
}
