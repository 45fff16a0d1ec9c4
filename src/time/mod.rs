//! Time as agreements count it: periods as written ("six months", `P90D`) and the
//! date arithmetic of Council Regulation (EEC, Euratom) No 1182/71. Pure functions of
//! their arguments: nothing here reads the clock.

pub mod after;
pub mod calendar;
pub mod period;
