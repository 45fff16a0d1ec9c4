//! `accord terminate`: the end of an agreement if notice is received on a day, the
//! latest day to give notice to end it by a day, or its terms and notice windows.

use super::args::{date_arg, keyword, TextFormat};
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
    id: String,
    /// The date the other party receives the notice (VCLT art. 78).
    #[arg(long, value_parser = date_arg, value_name = "DATE", conflicts_with = "end_by")]
    notice: Option<NaiveDate>,
    /// Find the latest date notice can be received so that the agreement has ended by DATE.
    #[arg(long, value_parser = date_arg, value_name = "DATE")]
    end_by: Option<NaiveDate>,
    /// The party giving notice.
    #[arg(long, value_name = "PARTY")]
    by: Option<String>,
    /// With no termination clause, assume VCLT art. 56(2)'s twelve months' notice.
    #[arg(long)]
    assume_vclt56: bool,
    /// Move an end date that falls on a weekend or holiday (Reg. 1182/71 art. 3(4)).
    #[arg(long, value_parser = keyword::<Roll>(), value_name = "CONVENTION")]
    roll: Option<Roll>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text", value_name = "FORMAT")]
    format: TextFormat,
}

pub(crate) fn run(args: &TerminateArgs, cx: &Context, io: &mut Io) -> Result<Exit, Error> {
    let loaded = cx.around(&args.id, Texts::Skip)?;
    let a = find(&loaded, &args.id)?;
    let opts = Options {
        assume_vclt56: args.assume_vclt56,
        roll: args.roll,
        by: args.by.clone(),
    };
    let question = match (args.notice, args.end_by) {
        (Some(n), _) => Question::Notice(n),
        (None, Some(e)) => Question::EndBy(e),
        (None, None) => Question::Terms,
    };
    let answer = answer(a, &loaded.agreements, question, cx.as_of, &opts)?;
    match args.format {
        TextFormat::Json => report::terminate::json(io.out, a, &answer)?,
        TextFormat::Text => report::terminate::text(io.out, a, &answer)?,
    }
    let answered = answer.question == Question::Terms || answer.outcome.is_some();
    let exit = Exit::Success.or_findings(!answered);
    Ok(io.finish(&loaded.diagnostics, loaded.failed_files, exit)?)
}
