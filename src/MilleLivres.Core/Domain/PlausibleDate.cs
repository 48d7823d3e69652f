using System.ComponentModel.DataAnnotations;

namespace MilleLivres.Core.Domain;

/// <summary>
/// Dates people type (a donation received, a wave's delivery…) must be plausible: the operation began in 2020, and
/// nothing is planned more than two years ahead. 0001-01-01 or 9999-12-31 are typing slips, refused with one message.
/// </summary>
public static class PlausibleDates
{
    public static readonly DateOnly Earliest = new(2020, 1, 1);
    public const int YearsAhead = 2;

    public static DateOnly Latest(DateOnly today) => today.AddYears(YearsAhead);

    /// <summary>The French problem with <paramref name="date"/>, or null when it is plausible.</summary>
    public static string? Problem(DateOnly date, DateOnly today, string what = "La date")
    {
        var latest = Latest(today);
        return date < Earliest || date > latest
            ? $"{what} doit être comprise entre le {Earliest:dd/MM/yyyy} et le {latest:dd/MM/yyyy}."
            : null;
    }

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>Throws a <see cref="DomainException"/> for <paramref name="field"/> when the date is not plausible.</summary>
    public static void Ensure(DateOnly date, TimeProvider clock, string field, string what = "La date")
    {
        if (Problem(date, Today(clock), what) is { } problem)
        {
            throw new DomainException(problem, field);
        }
    }
}

/// <summary>
/// The same rule on a form field: the message shows next to the field. Reads "today" from the app's
/// <see cref="TimeProvider"/> (the system clock when none is registered).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class PlausibleDateAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is not DateOnly date)
        {
            return ValidationResult.Success;
        }
        var clock = validationContext.GetService(typeof(TimeProvider)) as TimeProvider ?? TimeProvider.System;
        var problem = PlausibleDates.Problem(date, PlausibleDates.Today(clock));
        return problem is null
            ? ValidationResult.Success
            : new ValidationResult(problem, validationContext.MemberName is { } member ? [member] : null);
    }
}
