using Microsoft.Extensions.Options;

namespace MilleLivres.Core.Options;

/// <summary>The "PersonalData" section: retention periods promised on the public form, and the daily run.</summary>
public sealed class PersonalDataOptions
{
    public const string Section = "PersonalData";

    /// <summary>An accepted application is kept this long after the end of its wave's delivery.</summary>
    public int AcceptedApplicationMonths { get; set; } = 24;

    /// <summary>A declined application is kept this long after the decision.</summary>
    public int DeclinedApplicationMonths { get; set; } = 12;

    /// <summary>Contacts and coordinator accounts of a town whose waves are all closed, after the last delivery.</summary>
    public int ClosedTownContactMonths { get; set; } = 24;

    /// <summary>A sent mail's address (and body) is kept this long after sending; the record that it was sent stays.</summary>
    public int SentMailMonths { get; set; } = 12;

    /// <summary>Run the retention job every day (Hangfire recurring job).</summary>
    public bool RunDaily { get; set; } = true;

    /// <summary>Hour of the daily run, UTC.</summary>
    public int DailyRunHourUtc { get; set; } = 3;
}

public sealed class PersonalDataOptionsValidator : IValidateOptions<PersonalDataOptions>
{
    public ValidateOptionsResult Validate(string? name, PersonalDataOptions options)
    {
        var failures = new List<string>();
        void Months(string key, int value)
        {
            if (value is < 1 or > 240)
            {
                failures.Add($"PersonalData:{key} doit être un nombre de mois entre 1 et 240 (valeur actuelle : {value}).");
            }
        }
        Months(nameof(options.AcceptedApplicationMonths), options.AcceptedApplicationMonths);
        Months(nameof(options.DeclinedApplicationMonths), options.DeclinedApplicationMonths);
        Months(nameof(options.ClosedTownContactMonths), options.ClosedTownContactMonths);
        Months(nameof(options.SentMailMonths), options.SentMailMonths);
        if (options.DailyRunHourUtc is < 0 or > 23)
        {
            failures.Add($"PersonalData:DailyRunHourUtc doit être une heure entre 0 et 23 (valeur actuelle : {options.DailyRunHourUtc}).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
