//! `accord terminate`: the end of an agreement if notice is received on a day, the
//! latest day to give notice to end it by a day, or its terms and notice windows.

use super::args::Common;
use super::args::{date_arg, keyword, TextFormat};
use super::complete;
use super::context::{find, Context};
use super::error::Error;
use super::exit::Exit;
use super::output::Io;
use crate::engine::rules::Options;
use crate::engine::terminate::{answer, Question};
use crate::file::parse::Texts;
use crate::report;
use crate::time::calendar::Roll;
use chrono::NaiveDate;
use clap::Args;

#[derive(Debug, Args)]
pub(crate) struct TerminateArgs {
    /// The agreement id.
    #[arg(add = complete::agreements())]
    id: String,
    /// The date the other party receives the notice (VCLT art. 78).
    #[arg(long, value_parser = date_arg, value_name = "DATE", conflicts_with = "end_by", add = complete::dates())]
    notice: Option<NaiveDate>,
    /// Find the latest date notice can be received so that the agreement has ended by DATE
    /// (its last day in force on or before DATE).
    #[arg(long, value_parser = date_arg, value_name = "DATE", conflicts_with = "earliest", add = complete::dates())]
    end_by: Option<NaiveDate>,
    /// The first day notice may be received (after any waiting period the clause sets,
    /// and not before --as-of), and the end it gives.
    #[arg(long, conflicts_with = "notice")]
    earliest: bool,
    /// With --notice, a later day the notice names for it to take effect, where the
    /// clause allows one ("or on such later date as may be specified in the notification").
    #[arg(long, value_parser = date_arg, value_name = "DATE", requires = "notice", add = complete::dates())]
    effective_on: Option<NaiveDate>,
    /// The party giving notice (required when a notice ends only that party's
    /// participation, as in a multilateral agreement).
    #[arg(long, value_name = "PARTY", add = complete::parties())]
    by: Option<String>,
    /// With no termination clause, assume VCLT art. 56(2)'s twelve months' notice.
    #[arg(long)]
    assume_vclt56: bool,
    /// Move an end date that falls on a weekend or holiday (Reg. 1182/71 art. 3(4)).
    #[arg(long, value_parser = keyword::<Roll>(), value_name = "CONVENTION")]
    roll: Option<Roll>,
    /// Output format [default: text, or the project's `format` where it is one of these].
    #[arg(long, value_enum, value_name = "FORMAT")]
    format: Option<TextFormat>,
    #[command(flatten)]
    pub(crate) common: Common,
}

pub(crate) fn run(args: &TerminateArgs, cx: &Context, io: &mut Io) -> Result<Exit, Error> {
    let loaded = cx.around(&args.id, Texts::Skip)?;
    let a = find(&loaded, &args.id)?;
    let opts = Options {
        assume_vclt56: args.assume_vclt56,
        roll: args.roll,
        by: args.by.clone(),
        ..cx.rules_options()
    };
    let question = match (args.notice, args.end_by, args.earliest) {
        (Some(received), _, _) => Question::Notice {
            received,
            effective_on: args.effective_on,
        },
        (None, Some(e), _) => Question::EndBy(e),
        (None, None, true) => Question::Earliest,
        (None, None, false) => Question::Terms,
    };
    let answer = answer(a, &loaded.agreements, question, cx.as_of, &opts)?;
    match cx.format(args.format, TextFormat::Text) {
        TextFormat::Json => report::terminate::json(io.out, a, &answer)?,
        TextFormat::Text => report::terminate::text(io.out, a, &answer)?,
    }
    let answered = answer.question == Question::Terms || answer.outcome.is_some();
    let exit = Exit::Success.or_findings(!answered);
    Ok(io.finish(&loaded.diagnostics, loaded.failed_files, exit)?)
}
