//! One JSON error format for every route: `{"error":{"code","message"}}` with a stable code.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            code,
            message: message.into(),
        }
    }

    pub fn bad_request(code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, code, message)
    }

    pub fn overloaded() -> ApiError {
        ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "overloaded",
            "the server is busy answering other questions; try again in a moment",
        )
    }

    /// Seconds a client should wait before it tries again (`Retry-After` of 429 answers).
    fn retry_after(&self) -> Option<u64> {
        match self.code {
            "overloaded" => Some(2),
            "too_many_logins" => Some(15 * 60),
            _ => None,
        }
    }

    pub fn internal(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", message)
    }
}

impl From<lotse_answer::AnswerError> for ApiError {
    fn from(e: lotse_answer::AnswerError) -> ApiError {
        if matches!(
            e,
            lotse_answer::AnswerError::Generate(lotse_answer::GenerateError::Busy)
        ) {
            return ApiError::overloaded();
        }
        let status = if e.is_client_error() {
            StatusCode::BAD_REQUEST
        } else {
            StatusCode::INTERNAL_SERVER_ERROR
        };
        ApiError::new(status, e.code(), e.to_string())
    }
}

impl From<lotse_engine::EngineError> for ApiError {
    fn from(e: lotse_engine::EngineError) -> ApiError {
        use lotse_engine::EngineError as E;
        match &e {
            E::InvalidCollection(_) => ApiError::bad_request("invalid_collection", e.to_string()),
            E::NotFound(_) => ApiError::new(StatusCode::NOT_FOUND, "not_found", e.to_string()),
            E::NoEmbedder { .. } => ApiError::bad_request("no_embedding_model", e.to_string()),
            _ => ApiError::internal(e.to_string()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({
            "error": { "code": self.code, "message": self.message }
        });
        let mut response = (self.status, Json(body)).into_response();
        if let Some(seconds) = self.retry_after() {
            response.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from(seconds),
            );
        }
        response
    }
}

/// Turns axum's own rejections (bad JSON, wrong content type, body too large) into the
/// same format.
pub fn rejection(e: impl std::fmt::Display, status: StatusCode) -> ApiError {
    let code = match status {
        StatusCode::PAYLOAD_TOO_LARGE => "payload_too_large",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
        _ => "invalid_request",
    };
    ApiError::new(status, code, e.to_string())
}
