#pragma once
// A fixture of the layering check.
